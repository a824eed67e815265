package com.cureka.appointments.adapters.http.ops;

import com.cureka.appointments.adapters.http.error.ErrorResponses;
import com.cureka.appointments.adapters.http.json.Envelope;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/** Probes, metrics and the API description: outside {@code /api/v1}, so no token is asked for. */
final class OperationsRoutes {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String NOT_READY = "NOT_READY";

    record Health(String status, Map<String, String> checks) {}

    private final PrometheusMeterRegistry registry;
    private final Readiness readiness;
    private final byte[] openApi;

    OperationsRoutes(PrometheusMeterRegistry registry, HealthChecks checks, Duration checkTimeBound) {
        this.registry = registry;
        this.readiness = new Readiness(checks, checkTimeBound);
        this.openApi = resource("/openapi.json");
    }

    void addTo(JavalinDefaultRouting routes) {
        routes.get("/health/live", ctx -> ctx.json(Envelope.ok(Map.of("status", "up"))));
        routes.get("/health/ready", this::ready);
        routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    }

    private void ready(Context ctx) {
        var report = readiness.check();
        if (report.ready()) {
            ctx.json(Envelope.ok(new Health("up", report.checks())));
        } else {
            ctx.attribute(ErrorResponses.CODE_ATTRIBUTE, NOT_READY);
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .json(Envelope.failure(
                            NOT_READY,
                            "A dependency this service cannot work without is unreachable",
                            Map.of("checks", report.checks())));
        }
    }

    static byte[] resource(String name) {
        try (var in = OperationsRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
