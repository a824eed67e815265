package com.cureka.appointments.application.port.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** The free starts a calendar offers, or that it adds no constraint, or that it could not be asked. */
public sealed interface FreeStarts {
    record Known(Set<Instant> starts) implements FreeStarts {
        public Known {
            starts = Set.copyOf(starts);
        }
    }

    record Unconstrained() implements FreeStarts {}

    record Unavailable(Duration retryAfter, String reason) implements FreeStarts {}
}
