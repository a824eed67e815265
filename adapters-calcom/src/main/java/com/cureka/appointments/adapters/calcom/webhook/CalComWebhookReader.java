package com.cureka.appointments.adapters.calcom.webhook;

import com.cureka.appointments.adapters.calcom.CalComSettings;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.calendar.CalendarBooking;
import com.cureka.appointments.application.port.calendar.CalendarEvent;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.calendar.CalendarWebhookReader;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads Cal.com webhook deliveries (payload version 2021-10-20, CALCOM.md §6).
 *
 * <p><b>Signature first.</b> {@code X-Cal-Signature-256} must be the lower-case hex HMAC-SHA256 of the raw
 * body, keyed with the webhook secret (UTF-8); it is compared in constant time. A missing header, Cal.com's
 * {@code no-secret-provided} (the webhook has no secret in Cal.com), or no secret configured here is a
 * {@link Reading.BadSignature}. Nothing of the body is parsed before the signature verifies.
 *
 * <p><b>Replay.</b> Cal.com signs no timestamp and sends no nonce. A delivery whose {@code createdAt} is older
 * than {@code maxAge}, or more than {@link #FUTURE_SKEW} ahead of our clock, is {@code Unreadable("stale")}
 * / {@code Unreadable("from the future")}. {@code MEETING_ENDED} is scheduled when the booking is made, so its
 * freshness is judged by the later of {@code createdAt} and the meeting's {@code endTime}. Within the window,
 * a redelivery has the same {@code deliveryHash} (SHA-256 of the raw body), which the use case dedupes on.
 *
 * <p><b>Events.</b> {@code BOOKING_CREATED}, {@code BOOKING_CANCELLED}, {@code BOOKING_RESCHEDULED} ({@code uid}
 * is the new booking, {@code rescheduleUid} the old one) and {@code MEETING_ENDED} (in the envelope, or in the
 * older flat shape {@code {"triggerEvent":"MEETING_ENDED", ...booking}}) become {@link CalendarEvent}s; any other
 * trigger is verified with no event. Our appointment number is read from {@code metadata.appointmentNumber}
 * (put there by the gateway when it books); missing or malformed, it is null.
 */
public final class CalComWebhookReader implements CalendarWebhookReader {
    public static final String SIGNATURE_HEADER = "X-Cal-Signature-256";
    /** What Cal.com sends as the signature when the webhook has no secret. */
    public static final String NO_SECRET_PROVIDED = "no-secret-provided";
    /** How old a delivery may be: Cal.com sends at once (or retries within minutes), so an hour is generous. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);
    /** How far ahead of our clock Cal.com's clock may be. */
    public static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    /** The metadata key the gateway writes our number under (BookingMapper.NUMBER_KEY). */
    static final String NUMBER_KEY = "appointmentNumber";

    static final String BOOKING_CREATED = "BOOKING_CREATED";
    static final String BOOKING_CANCELLED = "BOOKING_CANCELLED";
    static final String BOOKING_RESCHEDULED = "BOOKING_RESCHEDULED";
    static final String MEETING_ENDED = "MEETING_ENDED";
    static final String MEETING_STARTED = "MEETING_STARTED";

    private static final Logger log = LoggerFactory.getLogger(CalComWebhookReader.class);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final HexFormat HEX = HexFormat.of();
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration maxAge;
    private final String eventLinkBase;
    private final CalendarGateway lookup;

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
        this(
                webhookSecret == null || webhookSecret.isBlank()
                        ? null
                        : new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), HMAC),
                clock,
                maxAge,
                eventLinkBase,
                null);
    }

    private CalComWebhookReader(
            SecretKeySpec key, Clock clock, Duration maxAge, String eventLinkBase, CalendarGateway lookup) {
        this.key = key;
        this.lookup = lookup;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = maxAge == null ? DEFAULT_MAX_AGE : maxAge;
        if (!this.maxAge.isPositive()) {
            throw new IllegalArgumentException("the webhook max age must be positive: " + maxAge);
        }
        this.eventLinkBase = eventLinkBase == null || eventLinkBase.isBlank() ? null : eventLinkBase;
        if (key == null && lookup == null) {
            log.warn("CAL_COM_WEBHOOK_SECRET is not set: every Cal.com webhook delivery will be refused (401)");
        }
    }

    /**
     * This reader, reading our appointment number from the booking in Cal.com when a payload comes without
     * the booking's metadata (Cal.com's BOOKING_CANCELLED has none). {@code calendar} is the Cal.com gateway; its
     * {@link CalendarGateway#bookingsWithAppointmentNumbers} is asked for the payload's time, once per such
     * delivery. Without it, such an event reads with a null number (the use case ignores it as unknown).
     */
    public CalComWebhookReader withNumberLookup(CalendarGateway calendar) {
        return new CalComWebhookReader(key, clock, maxAge, eventLinkBase, Objects.requireNonNull(calendar, "calendar"));
    }

    @Override
    public Reading read(byte[] rawBody, Function<String, String> header) {
        if (!signedWithOurSecret(rawBody, header.apply(SIGNATURE_HEADER))) {
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
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(rawBody));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    // ---- signature ----

    private boolean signedWithOurSecret(byte[] rawBody, String signature) {
        if (key == null || rawBody == null) {
            return false;
        }
        if (signature == null || signature.isBlank()) {
            log.debug("A Cal.com webhook delivery came without {}", SIGNATURE_HEADER);
            return false;
        }
        String received = signature.strip().toLowerCase(Locale.ROOT);
        if (received.equals(NO_SECRET_PROVIDED)) {
            log.warn(
                    "A Cal.com webhook delivery was unsigned ({}): set the webhook's secret in Cal.com to "
                            + "CAL_COM_WEBHOOK_SECRET",
                    NO_SECRET_PROVIDED);
            return false;
        }
        byte[] expected = HEX.formatHex(hmac(rawBody)).getBytes(StandardCharsets.US_ASCII);
        // Constant time over the contents; a wrong length is false at once (the length is no secret).
        boolean verified = MessageDigest.isEqual(expected, received.getBytes(StandardCharsets.US_ASCII));
        if (!verified) {
            log.debug("A Cal.com webhook delivery's signature does not verify");
        }
        return verified;
    }

    private byte[] hmac(byte[] rawBody) {
        try {
            var mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(rawBody);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    // ---- payload ----

    private Reading readVerified(JsonNode root, String hash) {
        if (root == null || !root.isObject()) {
            throw new NotReadable("not a JSON object");
        }
        String trigger = text(root, "triggerEvent");
        if (trigger == null) {
            throw new NotReadable("no triggerEvent");
        }
        // MEETING_* were once sent flat, the booking's fields beside triggerEvent, with no envelope.
        boolean meeting = trigger.equals(MEETING_ENDED) || trigger.equals(MEETING_STARTED);
        JsonNode payload = root.path("payload").isObject() ? root.get("payload") : meeting ? root : null;
        checkFresh(root, payload, trigger);
        if (payload == null) {
            if (isOurs(trigger)) {
                throw new NotReadable("no payload");
            }
            return new Reading.Verified(trigger, Optional.empty(), hash);
        }
        Optional<CalendarEvent> event = switch (trigger) {
            case BOOKING_CREATED -> {
                var slot = slot(payload);
                yield Optional.of(new CalendarEvent.BookingCreated(
                        uid(payload), number(payload, List.of(uid(payload)), List.of(slot)), slot, links(payload)));
            }
            case BOOKING_CANCELLED ->
                Optional.of(new CalendarEvent.BookingCancelled(
                        uid(payload),
                        number(payload, List.of(uid(payload)), optionalSlot(payload, "startTime", "endTime")),
                        reason(payload)));
            case BOOKING_RESCHEDULED -> {
                var slot = slot(payload);
                String previous = text(payload, "rescheduleUid");
                var uids = previous == null ? List.of(uid(payload)) : List.of(uid(payload), previous);
                var windows = new ArrayList<TimeSlot>(List.of(slot));
                windows.addAll(optionalSlot(payload, "rescheduleStartTime", "rescheduleEndTime"));
                yield Optional.of(new CalendarEvent.BookingRescheduled(
                        uid(payload), previous, number(payload, uids, windows), slot));
            }
            case MEETING_ENDED ->
                Optional.of(new CalendarEvent.MeetingEnded(
                        uid(payload),
                        number(payload, List.of(uid(payload)), optionalSlot(payload, "startTime", "endTime"))));
            default -> Optional.empty();
        };
        return new Reading.Verified(trigger, event, hash);
    }

    private static boolean isOurs(String trigger) {
        return switch (trigger) {
            case BOOKING_CREATED, BOOKING_CANCELLED, BOOKING_RESCHEDULED, MEETING_ENDED -> true;
            default -> false;
        };
    }

    /**
     * {@code createdAt} within [now - maxAge, now + skew]. A MEETING_* trigger is queued when the booking is
     * made and sent at the meeting's start or end, so that time counts as its "created" when it is later.
     */
    private void checkFresh(JsonNode root, JsonNode payload, String trigger) {
        Instant createdAt = instant(root, "createdAt");
        if (createdAt == null && !isOurs(trigger)) {
            return; // nothing is done with it either way
        }
        Instant now = clock.instant();
        if (createdAt != null && createdAt.isAfter(now.plus(FUTURE_SKEW))) {
            throw new NotReadable("from the future");
        }
        Instant sent = createdAt;
        if (payload != null && (trigger.equals(MEETING_ENDED) || trigger.equals(MEETING_STARTED))) {
            Instant due = instant(payload, trigger.equals(MEETING_ENDED) ? "endTime" : "startTime");
            if (due != null && (sent == null || due.isAfter(sent)) && !due.isAfter(now.plus(FUTURE_SKEW))) {
                sent = due;
            }
        }
        if (sent == null) {
            throw new NotReadable("no createdAt");
        }
        if (sent.isBefore(now.minus(maxAge))) {
            throw new NotReadable("stale");
        }
    }

    private static String uid(JsonNode payload) {
        String uid = text(payload, "uid");
        if (uid == null) {
            throw new NotReadable("no booking uid");
        }
        return uid;
    }

    /**
     * Our number from the booking's metadata; null when it is not one of ours or the value is garbled. Cal.com
     * leaves the metadata out of some payloads (BOOKING_CANCELLED): with a {@linkplain #withNumberLookup lookup},
     * the number is then read from the booking in Cal.com, found by uid among the bookings in {@code windows}.
     */
    private AppointmentNumber number(JsonNode payload, List<String> uids, List<TimeSlot> windows) {
        JsonNode metadata = payload.path("metadata");
        JsonNode value = metadata.path(NUMBER_KEY);
        if (value.isTextual()) {
            return AppointmentNumber.parse(value.asText().strip()).orElse(null);
        }
        // Metadata without our number is a booking made elsewhere; but a rescheduled booking's number may be
        // only on the booking it replaced.
        boolean metadataLeftOut = metadata.isMissingNode() || metadata.isNull();
        if (lookup == null || value.isValueNode() || !(metadataLeftOut || uids.size() > 1)) {
            return null;
        }
        for (TimeSlot window : windows) {
            try {
                if (lookup.bookingsWithAppointmentNumbers(window.start(), window.end())
                        instanceof CalendarGateway.CalendarLookup.Found found) {
                    var number = found.bookings().stream()
                            .filter(b -> uids.contains(b.bookingId()))
                            .map(CalendarBooking::number)
                            .filter(Objects::nonNull)
                            .findFirst();
                    if (number.isPresent()) {
                        return number.get();
                    }
                } else {
                    log.warn("Could not look up Cal.com booking {} for its appointment number", uids.getFirst());
                }
            } catch (RuntimeException e) {
                log.warn(
                        "Could not look up Cal.com booking {} for its appointment number: {}",
                        uids.getFirst(),
                        e.toString());
            }
        }
        return null;
    }

    private static TimeSlot slot(JsonNode payload) {
        Instant start = instant(payload, "startTime");
        Instant end = instant(payload, "endTime");
        if (start == null || end == null) {
            throw new NotReadable("no startTime or endTime");
        }
        if (!start.isBefore(end)) {
            throw new NotReadable("endTime is not after startTime");
        }
        return new TimeSlot(start, end);
    }

    /** The slot between two time fields, when both are there and make one; else none. */
    private static List<TimeSlot> optionalSlot(JsonNode payload, String startField, String endField) {
        try {
            Instant start = instant(payload, startField);
            Instant end = instant(payload, endField);
            return start != null && end != null && start.isBefore(end) ? List.of(new TimeSlot(start, end)) : List.of();
        } catch (NotReadable e) {
            return List.of();
        }
    }

    /**
     * The video room: {@code location} when it is a URL (Cal.com puts the video call URL there), else the
     * {@code videoCallUrl} in the metadata, else {@code videoCallData.url}. The event link as the gateway makes it.
     */
    private MeetingLinks links(JsonNode payload) {
        String video = firstUrl(
                text(payload, "location"),
                text(payload.path("metadata"), "videoCallUrl"),
                text(payload.path("videoCallData"), "url"));
        String uid = text(payload, "uid");
        return new MeetingLinks(video, eventLinkBase == null ? null : eventLinkBase + uid);
    }

    private static String reason(JsonNode payload) {
        String reason = text(payload, "cancellationReason");
        if (reason == null) {
            return null;
        }
        // Cal.com takes any length; our audit trail keeps 500 characters.
        return reason.length() <= Change.MAX_REASON_LENGTH ? reason : reason.substring(0, Change.MAX_REASON_LENGTH);
    }

    private static String firstUrl(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && (candidate.startsWith("https://") || candidate.startsWith("http://"))) {
                return candidate;
            }
        }
        return null;
    }

    /** A non-blank string field, else null. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    /** "2023-05-25T09:30:00Z", "2023-05-25T09:30:00.000Z" or "2023-02-21T11:00:00+00:00"; absent is null. */
    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new NotReadable(field + " is not a time");
        }
    }

    /** Signed but not readable: stops reading, becomes {@link Reading.Unreadable}. */
    private static final class NotReadable extends RuntimeException {
        NotReadable(String why) {
            super(why, null, false, false);
        }
    }
}
