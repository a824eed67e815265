package com.cureka.appointments.domain.schedule;

import com.cureka.appointments.domain.kernel.TimeSlot;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A stretch of time in which the doctor takes no appointments (leave, a conference). Its {@code id} lets an
 * administrator list and remove one entry, e.g. one added by mistake.
 */
public record TimeOff(UUID id, Instant from, Instant to, String reason) {
    public static final int MAX_REASON_LENGTH = 500;

    public TimeOff {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("time off must start before it ends");
        }
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("a time-off reason is at most " + MAX_REASON_LENGTH + " characters");
        }
    }

    /** New time off, with an id of its own. */
    public TimeOff(Instant from, Instant to, String reason) {
        this(UUID.randomUUID(), from, to, reason);
    }

    public boolean overlaps(TimeSlot slot) {
        return from.isBefore(slot.end()) && slot.start().isBefore(to);
    }
}
