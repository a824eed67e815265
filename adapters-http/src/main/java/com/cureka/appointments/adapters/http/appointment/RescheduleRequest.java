package com.cureka.appointments.adapters.http.appointment;

import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.application.port.appointment.Change;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * The body of {@code POST /api/v1/appointments/{id}/reschedule}: the new start, named as in a booking
 * ({@code appointment_date_time} is accepted as an alias), and an optional reason for the history.
 */
record RescheduleRequest(
        String appointmentDatetime,
        String appointmentDateTime,

        @Size(max = Change.MAX_REASON_LENGTH, message = "must be at most {max} characters")
        String reason) {

    /** The new start, or null when it is missing or malformed (noted in {@code errors}). */
    Instant newStart(FieldErrors errors) {
        return BookAppointmentRequest.start(appointmentDatetime, appointmentDateTime, errors);
    }
}
