package com.cureka.appointments.adapters.http.doctor;

import com.cureka.appointments.adapters.http.json.WireTime;
import com.cureka.appointments.application.doctor.ChangeSchedule;

import java.util.List;

/**
 * The answer to a schedule change: the doctor as now stored, and the upcoming appointments the new schedule
 * no longer allows. They are kept; the clinic settles them with the patients.
 */
record ScheduleChangedView(RegisteredDoctorView doctor, List<Conflict> conflicts) {

    /** {@code datetime} is in the doctor's time zone. */
    record Conflict(String appointmentId, String datetime, String status, String patientId) {}

    static ScheduleChangedView of(ChangeSchedule.Changed changed) {
        var zone = changed.doctor().schedule().zone();
        return new ScheduleChangedView(
                RegisteredDoctorView.of(changed.doctor()),
                changed.conflicts().stream()
                        .map(a -> new Conflict(
                                a.number().format(),
                                WireTime.format(a.slot().start(), zone),
                                a.status().code(),
                                a.patientId().toString()))
                        .toList());
    }
}
