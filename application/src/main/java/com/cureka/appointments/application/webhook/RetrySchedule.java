package com.cureka.appointments.application.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The contract's retries: after about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h; then the delivery has failed. */
public final class RetrySchedule {
    public static final List<Duration> DELAYS = List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10));

    private RetrySchedule() {}

    /** The wait after the {@code attempts}-th failed attempt (1-based), or empty when that was the last one. */
    public static Optional<Duration> after(int attempts) {
        return attempts >= 1 && attempts <= DELAYS.size() ? Optional.of(DELAYS.get(attempts - 1)) : Optional.empty();
    }
}
