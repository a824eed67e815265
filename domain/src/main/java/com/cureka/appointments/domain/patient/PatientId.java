package com.cureka.appointments.domain.patient;

import com.cureka.appointments.domain.kernel.Uuids;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A patient's identity: the user id (`sub`) at the identity provider, a UUID. */
public record PatientId(UUID value) {
    public PatientId {
        Objects.requireNonNull(value, "patient id");
    }

    public static Optional<PatientId> parse(String text) {
        return Uuids.parse(text).map(PatientId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
