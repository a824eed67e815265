package com.cureka.appointments.adapters.calcom.webhook;

import com.cureka.appointments.adapters.calcom.CalComSettings;
import com.cureka.appointments.adapters.calcom.webhook.PayloadFields.NotReadable;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.calendar.CalendarWebhookReader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads Cal.com webhook deliveries (payload version 2021-10-20, CALCOM.md §6) in three steps, each its own class.
 *
 * <p><b>Signature first</b> ({@link CalComSignature}). {@code X-Cal-Signature-256} must be the lower-case hex
 * HMAC-SHA256 of the raw body with the webhook secret, compared in constant time. A missing header, Cal.com's
 * {@code no-secret-provided}, or no secret configured here is a {@link Reading.BadSignature}. Nothing of the body
 * is parsed before the signature verifies.
 *
 * <p><b>Replay</b> ({@link DeliveryFreshness}). A delivery whose {@code createdAt} is older than {@code maxAge}, or
 * more than {@link #FUTURE_SKEW} ahead of our clock, is {@code Unreadable("stale")} / {@code Unreadable("from the
 * future")}; {@code MEETING_ENDED} is judged by the meeting's {@code endTime} when later. Within the window, a
 * redelivery has the same {@code deliveryHash} (SHA-256 of the raw body), which the use case dedupes on.
 *
 * <p><b>Events</b> ({@link CalComPayloadMapper}). The four triggers we act on become {@code CalendarEvent}s; any
 * other trigger is verified with no event.
 */
public final class CalComWebhookReader implements CalendarWebhookReader {
    public static final String SIGNATURE_HEADER = "X-Cal-Signature-256";
    /** What Cal.com sends as the signature when the webhook has no secret. */
    public static final String NO_SECRET_PROVIDED = "no-secret-provided";
    /** How old a delivery may be: Cal.com sends at once (or retries within minutes), so an hour is generous. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);
    /** How far ahead of our clock Cal.com's clock may be. */
    public static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(CalComWebhookReader.class);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final CalComSignature signature;
    private final DeliveryFreshness freshness;
    private final CalComPayloadMapper mapper;
    // Kept to build a copy with a number lookup.
    private final Clock clock;
    private final Duration maxAge;
    private final String eventLinkBase;

    /**
     * With Cal.com's default booking page as the event link base, as {@link CalComSettings#of} has it.
     *
     * @param webhookSecret {@code CAL_COM_WEBHOOK_SECRET}, the secret set on the webhook in Cal.com; null or
     *                      blank refuses every delivery
     * @param clock         for the freshness window
     * @param maxAge        how old a delivery's {@code createdAt} may be; null for {@link #DEFAULT_MAX_AGE}
     */
    public CalComWebhookReader(String webhookSecret, Clock clock, Duration maxAge) {
        this(webhookSecret, clock, maxAge, CalComSettings.DEFAULT_EVENT_LINK_BASE);
    }

    /**
     * @param eventLinkBase the gateway's {@link CalComSettings#eventLinkBase()}, so that a booking confirmed by a
     *                      webhook gets the same {@code cal_event_link} as one confirmed by the booking call;
     *                      null for none
     */
    public CalComWebhookReader(String webhookSecret, Clock clock, Duration maxAge, String eventLinkBase) {
        this(new CalComSignature(webhookSecret), clock, maxAge, eventLinkBase, null);
        if (!signature.hasSecret()) {
            log.warn("CAL_COM_WEBHOOK_SECRET is not set: every Cal.com webhook delivery will be refused (401)");
        }
    }

    private CalComWebhookReader(
            CalComSignature signature, Clock clock, Duration maxAge, String eventLinkBase, NumberLookup lookup) {
        this.signature = signature;
        this.freshness = new DeliveryFreshness(clock, maxAge);
        this.mapper = new CalComPayloadMapper(eventLinkBase, lookup);
        this.clock = clock;
        this.maxAge = maxAge;
        this.eventLinkBase = eventLinkBase;
    }

    /**
     * This reader, reading our appointment number from the booking in Cal.com when a payload comes without
     * the booking's metadata (Cal.com's BOOKING_CANCELLED has none). {@code calendar} is the Cal.com gateway; its
     * {@link CalendarGateway#bookingsWithAppointmentNumbers} is asked for the payload's time, once per such
     * delivery. Without it, such an event reads with a null number (the use case ignores it as unknown).
     */
    public CalComWebhookReader withNumberLookup(CalendarGateway calendar) {
        return new CalComWebhookReader(
                signature,
                clock,
                maxAge,
                eventLinkBase,
                new NumberLookup(Objects.requireNonNull(calendar, "calendar")));
    }

    @Override
    public Reading read(byte[] rawBody, Function<String, String> header) {
        if (!signature.verifies(rawBody, header.apply(SIGNATURE_HEADER))) {
            return new Reading.BadSignature();
        }
        String hash = deliveryHash(rawBody);
        try {
            return readVerified(MAPPER.readTree(rawBody), hash);
        } catch (IOException e) {
            return new Reading.Unreadable("not JSON");
        } catch (NotReadable e) {
            return new Reading.Unreadable(e.getMessage());
        }
    }

    /** Hex SHA-256 of the body exactly as received. */
    static String deliveryHash(byte[] rawBody) {
        return CalComSignature.deliveryHash(rawBody);
    }

    private Reading readVerified(JsonNode root, String hash) {
        if (root == null || !root.isObject()) {
            throw new NotReadable("not a JSON object");
        }
        String trigger = PayloadFields.text(root, "triggerEvent");
        if (trigger == null) {
            throw new NotReadable("no triggerEvent");
        }
        JsonNode payload = CalComPayloadMapper.payloadOf(root, trigger);
        freshness.check(root, payload, trigger);
        return new Reading.Verified(trigger, mapper.map(trigger, payload), hash);
    }
}
