package com.cureka.appointments.adapters.http.ops;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.InternalRouter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Objects;

/**
 * The operations side of the HTTP API, handed to {@code HttpApi.withOperations}: {@code GET /health/live},
 * {@code /health/ready}, {@code /metrics}, {@code /openapi.json} and {@code /docs}, plus request metrics and the
 * access log for every request. The registry is the one the other adapters (pool, calendar, circuit breaker)
 * register their meters with, so that {@code /metrics} shows them all.
 */
public final class Operations {
    /** How long {@code /health/ready} waits for its checks, so that a hanging dependency cannot hang the probe. */
    public static final Duration CHECK_TIME_BOUND = Duration.ofSeconds(1);

    static final String UNMATCHED = "unmatched";

    private final OperationsRoutes routes;
    private final SwaggerUi docs = new SwaggerUi();
    private final HttpMetrics metrics;
    private final AccessLog accessLog = new AccessLog();

    public Operations(PrometheusMeterRegistry registry, HealthChecks checks) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(checks, "checks");
        this.routes = new OperationsRoutes(registry, checks, CHECK_TIME_BOUND);
        this.metrics = new HttpMetrics(registry);
    }

    /** Called by {@code HttpApi} while it configures Javalin, before its own routes. */
    public void configure(JavalinConfig config) {
        config.router.mount(r -> {
            r.before(accessLog::begin);
            routes.addTo(r);
            docs.addTo(r);
        });
        config.requestLogger.http((ctx, millis) -> {
            String route = routeOf(config.pvt.internalRouter, ctx);
            var took = Duration.ofNanos((long) (millis * 1_000_000));
            metrics.record(ctx, route, took);
            accessLog.end(ctx, route, took);
        });
    }

    /** The path template of the route that took the request (even when a before-handler refused it), else "unmatched". */
    private static String routeOf(InternalRouter router, Context ctx) {
        String path = ctx.path().substring(ctx.contextPath().length());
        var method = ctx.method();
        var match = router.findHttpHandlerEntries(method, path).findFirst();
        if (match.isEmpty() && method == HandlerType.HEAD) {
            match = router.findHttpHandlerEntries(HandlerType.GET, path).findFirst();
        }
        return match.map(entry -> entry.getEndpoint().getPath()).orElse(UNMATCHED);
    }
}
