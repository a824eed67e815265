package com.cureka.appointments.application.outbox;

import java.time.Duration;
import java.util.List;

/**
 * The delays between attempts: the n-th failure waits {@code delays[n-1]} (the last one repeats) before attempt n+1.
 * After {@code maxAttempts} attempts the delivery is given up.
 */
public record Backoff(List<Duration> delays, int maxAttempts) {
    /** About 30 s, 2 min, 10 min, 30 min, then hourly: a mail server down for a day still gets every message. */
    public static final Backoff STANDARD = new Backoff(
            List.of(
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(2),
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(30),
                    Duration.ofHours(1)),
            30);

    public Backoff {
        delays = List.copyOf(delays);
        if (delays.isEmpty() || maxAttempts < 1) {
            throw new IllegalArgumentException("a backoff needs at least one delay and one attempt");
        }
    }

    /** The wait after the given number of failed attempts (1 or more). */
    public Duration after(int failedAttempts) {
        return delays.get(Math.min(Math.max(failedAttempts, 1), delays.size()) - 1);
    }
}
