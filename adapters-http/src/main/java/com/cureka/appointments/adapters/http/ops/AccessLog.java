package com.cureka.appointments.adapters.http.ops;

import com.cureka.appointments.adapters.http.trace.RequestIds;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

import java.time.Duration;
import java.util.List;

/**
 * Puts the request id into the logging context (MDC) for every line logged while the request is handled,
 * and ends each request with one INFO line (DEBUG for probes and scrapes) that also carries {@code route},
 * {@code status} and {@code duration_ms}. Only the method, the path and the outcome are logged: never headers (the bearer
 * token), the query string or the body (a patient's notes).
 */
final class AccessLog {
    static final String REQUEST_ID = "request_id";
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private static final List<String> KEYS = List.of(REQUEST_ID, "method", "route", "status", "duration_ms");

    /** The first before-handler of every request. */
    void begin(Context ctx) {
        MDC.put(REQUEST_ID, RequestIds.of(ctx));
    }

    /** After the response is written, on the same thread. */
    void end(Context ctx, String route, Duration took) {
        try {
            long millis = took.toMillis();
            MDC.put(REQUEST_ID, RequestIds.of(ctx));
            MDC.put("method", ctx.method().name());
            MDC.put("route", route);
            MDC.put("status", Integer.toString(ctx.statusCode()));
            MDC.put("duration_ms", Long.toString(millis));
            // Probes and scrapes come every few seconds; at INFO they would drown the lines about real requests.
            var level = route.startsWith("/health/") || route.equals("/metrics") ? Level.DEBUG : Level.INFO;
            LOG.atLevel(level).log("{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.statusCode(), millis);
        } finally {
            KEYS.forEach(MDC::remove);
        }
    }
}
