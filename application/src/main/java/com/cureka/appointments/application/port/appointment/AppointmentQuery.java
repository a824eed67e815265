package com.cureka.appointments.application.port.appointment;

import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.patient.PatientId;

import java.time.Instant;

/**
 * A page of appointments ordered by start time then number; each filter may be null. {@code after} is the
 * last item of the previous page (keyset pagination: stable while rows are added).
 */
public record AppointmentQuery(
        PatientId patient,
        DoctorId doctor,
        AppointmentStatus status,
        Instant from,
        Instant to,
        int limit,
        Cursor after) {
    /** A storage-level bound; pages shown to callers are smaller (see ListAppointments). */
    public static final int MAX_LIMIT = 1000;

    public AppointmentQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    /** Position after which the next page starts. */
    public record Cursor(Instant start, AppointmentNumber number) {}
}
