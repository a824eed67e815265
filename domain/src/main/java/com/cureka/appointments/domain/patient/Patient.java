package com.cureka.appointments.domain.patient;

import java.util.Objects;

/** A patient as known to the clinic; name and email come from the identity provider and may be absent. */
public record Patient(PatientId id, String name, String email) {
    public Patient {
        Objects.requireNonNull(id, "id");
        name = blankToNull(name);
        email = blankToNull(email);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
