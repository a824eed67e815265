package com.cureka.appointments.adapters.http.ops;

import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.adapters.http.error.ErrorResponses;
import com.cureka.appointments.adapters.http.idempotency.IdempotentRequests;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * {@code http_server_requests_seconds{method, route, status}} for every request, and
 * {@code bookings_total{outcome}} for every booking attempt: {@code created}, {@code replayed} (an
 * Idempotency-Key answered again) or the error code it was refused with.
 */
final class HttpMetrics {
    static final String BOOKING_ROUTE = "/api/v1/appointments";
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)
    };

    private final MeterRegistry registry;

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param route the matched path template, never the raw path, so that ids do not become time series */
    void record(Context ctx, String route, Duration took) {
        Timer.builder("http.server.requests")
                .description("HTTP requests by method, route template and status")
                .tags("method", ctx.method().name(), "route", route, "status", Integer.toString(ctx.statusCode()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(took);
        if (ctx.method() == HandlerType.POST && BOOKING_ROUTE.equals(route)) {
            registry.counter("bookings", "outcome", bookingOutcome(ctx)).increment();
        }
    }

    private static String bookingOutcome(Context ctx) {
        if ("true".equalsIgnoreCase(ctx.res().getHeader(IdempotentRequests.REPLAYED_HEADER))) {
            return "replayed";
        }
        if (ctx.statusCode() == 201) {
            return "created";
        }
        String code = ctx.attribute(ErrorResponses.CODE_ATTRIBUTE);
        return code != null ? code : ErrorCode.forStatus(ctx.statusCode()).name();
    }
}
