package com.cureka.appointments.adapters.calcom.fake;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cal.com's throttler: a fixed 60 s window per tracker (API key or address), 120 calls by default, and the
 * {@code X-RateLimit-*-Default} headers on every answer (no {@code Retry-After}). Windows follow the wall
 * clock, not the fake's clock, so a test's fixed clock cannot freeze them.
 */
final class FakeThrottler {
    private static final long WINDOW_NANOS = 60_000_000_000L;

    record Quota(int limit, int remaining, long resetSeconds) {}

    private record Window(long startedNanos, int used) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private volatile int limit = 120;

    void setLimit(int limit) {
        this.limit = limit;
    }

    /** Counts the call; empty when the tracker is over its limit. */
    Optional<Quota> take(String tracker) {
        long now = System.nanoTime();
        var window = windows.compute(
                tracker,
                (key, current) -> current == null || now - current.startedNanos() >= WINDOW_NANOS
                        ? new Window(now, 1)
                        : new Window(current.startedNanos(), current.used() + 1));
        if (window.used() > limit) {
            return Optional.empty();
        }
        long reset = Math.max(1, (window.startedNanos() + WINDOW_NANOS - now) / 1_000_000_000L);
        return Optional.of(new Quota(limit, limit - window.used(), reset));
    }

    FakeResponse withHeaders(FakeResponse response, Quota quota) {
        return response.withHeader("X-RateLimit-Limit-Default", Integer.toString(quota.limit()))
                .withHeader("X-RateLimit-Remaining-Default", Integer.toString(quota.remaining()))
                .withHeader("X-RateLimit-Reset-Default", Long.toString(quota.resetSeconds()));
    }

    FakeResponse throttled(String path, Instant now) {
        return new FakeResponse(429, FakeJson.throttled(path, now))
                .withHeader("X-RateLimit-Limit-Default", Integer.toString(limit))
                .withHeader("X-RateLimit-Remaining-Default", "0")
                .withHeader("X-RateLimit-Reset-Default", "60");
    }
}
