package com.cureka.appointments.domain.schedule;

import com.cureka.appointments.domain.kernel.TimeSlot;

import java.time.Instant;
import java.util.Objects;

/** A stretch of time in which the doctor takes no appointments (leave, a conference). */
public record TimeOff(Instant from, Instant to, String reason) {
    public static final int MAX_REASON_LENGTH = 500;

    public TimeOff {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("time off must start before it ends");
        }
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("a time-off reason is at most " + MAX_REASON_LENGTH + " characters");
        }
    }

    public boolean overlaps(TimeSlot slot) {
        return from.isBefore(slot.end()) && slot.start().isBefore(to);
    }
}
