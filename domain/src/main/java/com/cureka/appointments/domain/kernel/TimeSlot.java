package com.cureka.appointments.domain.kernel;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open stretch of time [start, end), as the database's tstzrange '[)'. */
public record TimeSlot(Instant start, Instant end) {
    public TimeSlot {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("a time slot must start before it ends");
        }
    }

    public static TimeSlot of(Instant start, Duration length) {
        return new TimeSlot(start, start.plus(length));
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    public boolean overlaps(TimeSlot other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }
}
