package com.cureka.appointments.application.memory;

import com.cureka.appointments.application.port.availability.BookingRateLimiter;
import com.cureka.appointments.application.port.availability.RateLimit;
import com.cureka.appointments.domain.patient.PatientId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link BookingRateLimiter} for a single instance: a log of each patient's admitted attempts, so that at most
 * {@code attempts} fall in any sliding window. The Redis limiter keeps the same log in Redis for several instances.
 */
public final class InProcessBookingRateLimiter implements BookingRateLimiter {
    private final RateLimit limit;
    private final Clock clock;
    private final Map<PatientId, Deque<Instant>> attempts = new ConcurrentHashMap<>();

    public InProcessBookingRateLimiter(RateLimit limit, Clock clock) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.clock = clock;
    }

    @Override
    public Optional<Duration> tryAcquire(PatientId patient) {
        Instant now = clock.instant();
        var log = attempts.computeIfAbsent(patient, p -> new ArrayDeque<>());
        synchronized (log) {
            while (!log.isEmpty() && !log.peekFirst().isAfter(now.minus(limit.window()))) {
                log.pollFirst();
            }
            if (log.size() >= limit.attempts()) {
                Duration wait = Duration.between(now, log.peekFirst().plus(limit.window()));
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            }
            log.addLast(now);
            return Optional.empty();
        }
    }
}
