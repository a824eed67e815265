package com.cureka.appointments.application.access;

import com.cureka.appointments.domain.appointment.Appointment;

import java.util.Objects;
import java.util.UUID;

/** Who is asking: a user id from the identity provider and the role it acts in. */
public record Viewer(UUID userId, Role role) {
    public Viewer {
        Objects.requireNonNull(userId, "user id");
        Objects.requireNonNull(role, "role");
    }

    /** A patient sees their own appointments, a doctor theirs, an admin all. */
    public boolean maySee(Appointment appointment) {
        return switch (role) {
            case ADMIN -> true;
            case PATIENT -> appointment.patientId().value().equals(userId);
            case DOCTOR -> appointment.doctorId().value().equals(userId);
        };
    }
}
