package com.cureka.appointments.application.port.availability;

import java.time.Duration;
import java.util.Objects;

/** At most {@code attempts} booking attempts by one patient in any {@code window} (a sliding one, not a calendar minute). */
public record RateLimit(int attempts, Duration window) {
    public RateLimit {
        if (attempts < 1) {
            throw new IllegalArgumentException("a rate limit lets at least 1 attempt through, not " + attempts);
        }
        Objects.requireNonNull(window, "window");
        if (!window.isPositive()) {
            throw new IllegalArgumentException("a rate limit's window is positive, not " + window);
        }
    }

    public static RateLimit perMinute(int attempts) {
        return new RateLimit(attempts, Duration.ofMinutes(1));
    }
}
