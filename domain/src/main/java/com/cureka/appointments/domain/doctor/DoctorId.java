package com.cureka.appointments.domain.doctor;

import com.cureka.appointments.domain.kernel.Uuids;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A doctor's identity: the doctor's user id at the identity provider (a UUID). */
public record DoctorId(UUID value) {
    public DoctorId {
        Objects.requireNonNull(value, "doctor id");
    }

    public static DoctorId random() {
        return new DoctorId(UUID.randomUUID());
    }

    /** Parses the canonical textual UUID form; anything else is empty (never an exception for user input). */
    public static Optional<DoctorId> parse(String text) {
        return Uuids.parse(text).map(DoctorId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
