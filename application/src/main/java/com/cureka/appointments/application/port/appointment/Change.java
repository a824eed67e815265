package com.cureka.appointments.application.port.appointment;

import java.time.Instant;
import java.util.Objects;

/**
 * Who changed an appointment, what they did and why: written to the audit trail together with the change.
 * {@code actor} reads {@code patient:<id>}, {@code doctor:<id>}, {@code admin:<id>}, {@code system:<job>} or
 * {@code calendar:<event>}.
 */
public record Change(String actor, Action action, String reason, Instant at) {
    public static final int MAX_REASON_LENGTH = 500;

    public enum Action {
        BOOKED,
        CONFIRMED,
        RELEASED,
        CANCELLED,
        RESCHEDULED,
        COMPLETED,
        NO_SHOW
    }

    public Change {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("a reason is at most " + MAX_REASON_LENGTH + " characters");
        }
    }
}
