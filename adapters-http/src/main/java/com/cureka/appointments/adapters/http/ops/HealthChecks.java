package com.cureka.appointments.adapters.http.ops;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@code GET /health/ready} checks, by name. A {@code fatal} check that is down makes the instance not
 * ready (503): without it no request can succeed (the database). An {@code informational} one is only
 * reported: the service still works without it (Redis falls back, the calendar has its circuit breaker).
 */
public record HealthChecks(Map<String, HealthCheck> fatal, Map<String, HealthCheck> informational) {
    public HealthChecks {
        fatal = sorted(fatal);
        informational = sorted(informational);
        var shared = new HashSet<>(fatal.keySet());
        shared.retainAll(informational.keySet());
        if (!shared.isEmpty()) {
            throw new IllegalArgumentException("a health check is both fatal and informational: " + shared);
        }
    }

    public static HealthChecks none() {
        return new HealthChecks(Map.of(), Map.of());
    }

    private static Map<String, HealthCheck> sorted(Map<String, HealthCheck> checks) {
        Objects.requireNonNull(checks, "checks");
        checks.values().forEach(check -> Objects.requireNonNull(check, "health check"));
        return Collections.unmodifiableMap(new TreeMap<>(checks));
    }
}
