package com.cureka.appointments.adapters.http.doctor;

import com.cureka.appointments.adapters.http.json.WireTime;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;

import java.time.LocalDate;
import java.util.List;

/** The free starts of one day, each with its end, in the doctor's time zone. */
record SlotsView(String doctorId, String date, String appointmentType, String timeZone, List<Slot> slots) {
    record Slot(String start, String end) {}

    static SlotsView of(Doctor doctor, LocalDate day, AppointmentType type, List<TimeSlot> free) {
        var zone = doctor.schedule().zone();
        return new SlotsView(
                doctor.id().toString(),
                day.toString(),
                type.code(),
                zone.getId(),
                free.stream()
                        .map(s -> new Slot(WireTime.format(s.start(), zone), WireTime.format(s.end(), zone)))
                        .toList());
    }
}
