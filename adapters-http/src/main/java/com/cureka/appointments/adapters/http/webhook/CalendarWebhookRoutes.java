package com.cureka.appointments.adapters.http.webhook;

import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.adapters.http.json.Envelope;
import com.cureka.appointments.adapters.http.request.JsonBody;
import com.cureka.appointments.adapters.http.trace.RequestIds;
import com.cureka.appointments.application.calendar.HandleCalendarEvent;
import com.cureka.appointments.application.port.calendar.CalendarWebhookReader;
import com.cureka.appointments.application.port.calendar.CalendarWebhookReader.Reading;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * {@code POST /webhooks/cal}: the doctor's calendar tells us what changed. No JWT: the calendar's signature
 * over the raw body is the authentication, so the body is handed to the reader exactly as received, never
 * parsed or re-serialised first. Deliveries that are signed but of no use to us are acknowledged with 200, so
 * the calendar does not retry them; only a bad signature (401), an oversized body (413) or our own failure
 * (500) is anything else.
 */
public final class CalendarWebhookRoutes {
    public static final String PATH = "/webhooks/cal";
    private static final Logger LOG = LoggerFactory.getLogger(CalendarWebhookRoutes.class);
    private static final String IGNORED = "ignored";

    private final CalendarWebhookReader reader;
    private final HandleCalendarEvent handleEvent;

    public CalendarWebhookRoutes(CalendarWebhookReader reader, HandleCalendarEvent handleEvent) {
        this.reader = reader;
        this.handleEvent = handleEvent;
    }

    /** For a deployment without a webhook secret: every delivery is refused as unsigned (401). */
    public static CalendarWebhookReader refusingAll() {
        return (rawBody, header) -> new Reading.BadSignature();
    }

    record Delivery(String outcome) {}

    public void addTo(JavalinDefaultRouting routes) {
        routes.post(PATH, this::receive);
    }

    private void receive(Context ctx) {
        byte[] raw = JsonBody.readBounded(ctx);
        // Servlet header lookup ignores case, as the port asks.
        String outcome = switch (reader.read(raw, ctx::header)) {
            case Reading.BadSignature bad -> {
                // Most often a webhook secret that differs between the calendar and us: operators need to see it.
                LOG.warn(
                        "Refused a calendar webhook delivery whose signature does not verify (request {})",
                        RequestIds.of(ctx));
                throw ApiException.of(ErrorCode.UNAUTHORIZED, "The webhook signature does not verify");
            }
            case Reading.Unreadable unreadable -> {
                LOG.info("Ignored a calendar webhook delivery: {}", unreadable.why());
                yield IGNORED;
            }
            case Reading.Verified verified ->
                verified.event()
                        .map(event -> handleEvent
                                .handle(event, verified.deliveryHash())
                                .name()
                                .toLowerCase(Locale.ROOT))
                        .orElse(IGNORED);
        };
        ctx.json(Envelope.ok(new Delivery(outcome)));
    }
}
