package com.cureka.appointments.adapters.http.appointment;

import com.cureka.appointments.application.port.appointment.Change;
import jakarta.validation.constraints.Size;

/** The optional body of {@code POST /api/v1/appointments/{id}/complete} and {@code …/no-show}. */
record VisitOutcomeRequest(
        @Size(max = Change.MAX_REASON_LENGTH, message = "must be at most {max} characters")
        String note) {}
