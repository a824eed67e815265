package com.cureka.appointments.adapters.http.auth;

import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.access.Viewer;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;

import java.util.Objects;
import java.util.UUID;

/** Who sent the request, as a verified token says: user id ({@code sub}), role, and optional name and email. */
public record Caller(UUID userId, Role role, String name, String email) {
    public Caller {
        Objects.requireNonNull(userId, "user id");
        Objects.requireNonNull(role, "role");
    }

    public Viewer viewer() {
        return new Viewer(userId, role);
    }

    /** The caller as a patient, registered from the token's claims on their first booking. */
    public Patient asPatient() {
        return new Patient(new PatientId(userId), name, email);
    }
}
