package com.cureka.appointments.application.memory;

import com.cureka.appointments.application.port.availability.BookingRateLimiter;
import com.cureka.appointments.domain.patient.PatientId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link BookingRateLimiter} for a single instance: at most {@code limit} attempts per patient in any
 * sliding minute. Several instances need the Redis-backed limiter instead.
 */
public final class InProcessBookingRateLimiter implements BookingRateLimiter {
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int limit;
    private final Clock clock;
    private final Map<PatientId, Deque<Instant>> attempts = new ConcurrentHashMap<>();

    public InProcessBookingRateLimiter(int limitPerMinute, Clock clock) {
        if (limitPerMinute < 1) {
            throw new IllegalArgumentException("the limit must be at least 1 a minute");
        }
        this.limit = limitPerMinute;
        this.clock = clock;
    }

    @Override
    public Optional<Duration> tryAcquire(PatientId patient) {
        Instant now = clock.instant();
        var log = attempts.computeIfAbsent(patient, p -> new ArrayDeque<>());
        synchronized (log) {
            while (!log.isEmpty() && !log.peekFirst().isAfter(now.minus(WINDOW))) {
                log.pollFirst();
            }
            if (log.size() >= limit) {
                Duration wait = Duration.between(now, log.peekFirst().plus(WINDOW));
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            }
            log.addLast(now);
            return Optional.empty();
        }
    }
}
