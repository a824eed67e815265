package com.cureka.appointments.adapters.calcom.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook deliveries as Cal.com makes them (CALCOM.md §6, payload version 2021-10-20), for a booking the fake
 * holds: the body in Cal.com's field order and formats, signed with {@code X-Cal-Signature-256} (lower-case hex
 * HMAC-SHA256 of the exact body; {@code no-secret-provided} without a secret), with {@code X-Cal-Webhook-Version}
 * and {@code Content-Type: application/json}. A delivery can be read in-process or POSTed to a URL.
 *
 * <p>What Cal.com puts in each trigger's payload, and what it leaves out, is kept: notably a
 * {@code BOOKING_CANCELLED} payload carries <b>no {@code metadata}</b> (handleCancelBooking builds it without),
 * so our appointment number is not in it; {@code MEETING_ENDED} carries the raw booking row ({@code id}, not
 * {@code bookingId}; {@code location} as stored, e.g. {@code integrations:daily}).
 *
 * <pre>{@code
 * var webhooks = new FakeCalComWebhooks(calcom, "whsec-test");
 * var booking = calcom.liveBookings().getFirst();
 * webhooks.bookingCreated(booking.uid()).postTo(URI.create(app + "/webhooks/cal"));      // 200 expected
 * webhooks.at(Instant.parse("2030-03-01T06:00:00Z")).meetingEnded(booking.uid());       // a stale one
 * webhooks.bookingCancelled(uid).tampered();                                            // a bad signature
 * }</pre>
 */
public final class FakeCalComWebhooks {
    public static final String SIGNATURE_HEADER = "X-Cal-Signature-256";
    public static final String VERSION_HEADER = "X-Cal-Webhook-Version";
    public static final String VERSION = "2021-10-20";
    public static final String NO_SECRET_PROVIDED = "no-secret-provided";

    public static final String BOOKING_CREATED = "BOOKING_CREATED";
    public static final String BOOKING_CANCELLED = "BOOKING_CANCELLED";
    public static final String BOOKING_RESCHEDULED = "BOOKING_RESCHEDULED";
    public static final String MEETING_ENDED = "MEETING_ENDED";

    private static final DateTimeFormatter OFFSET_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER) // Cal.com sends with redirect: "manual"
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final FakeCalCom calcom;
    private final String secret;
    private final Instant createdAt;

    /** @param secret the webhook's secret in Cal.com; null for a webhook without one ({@code no-secret-provided}) */
    public FakeCalComWebhooks(FakeCalCom calcom, String secret) {
        this(calcom, secret, null);
    }

    private FakeCalComWebhooks(FakeCalCom calcom, String secret, Instant createdAt) {
        this.calcom = Objects.requireNonNull(calcom, "calcom");
        this.secret = secret;
        this.createdAt = createdAt;
    }

    /** Deliveries stamped {@code createdAt} at this instant instead of the fake's clock (e.g. a stale one). */
    public FakeCalComWebhooks at(Instant createdAt) {
        return new FakeCalComWebhooks(calcom, secret, Objects.requireNonNull(createdAt, "createdAt"));
    }

    /** The same deliveries signed with another secret (null: unsigned, {@code no-secret-provided}). */
    public FakeCalComWebhooks signedWith(String otherSecret) {
        return new FakeCalComWebhooks(calcom, otherSecret, createdAt);
    }

    // ---- the triggers we act on ----

    /** The booking was made (or a pending one confirmed): status ACCEPTED, our metadata and the video URL. */
    public Delivery bookingCreated(String uid) {
        return bookingEvent(BOOKING_CREATED, uid);
    }

    /** The booking was cancelled, with its {@code cancellationReason}; as Cal.com, without {@code metadata}. */
    public Delivery bookingCancelled(String uid) {
        return bookingEvent(BOOKING_CANCELLED, uid);
    }

    /** {@code uid} is the new booking; {@code rescheduleUid}/{@code rescheduleId} the one it replaced. */
    public Delivery bookingRescheduled(String newUid) {
        return bookingEvent(BOOKING_RESCHEDULED, newUid);
    }

    /** Sent by Cal.com's scheduler at the booking's end: the raw booking row in the envelope. */
    public Delivery meetingEnded(String uid) {
        var envelope = envelope(MEETING_ENDED);
        envelope.set("payload", bookingRow(existing(uid)));
        return sign(MEETING_ENDED, envelope);
    }

    /**
     * The older scheduled-trigger shape ({@code webhookScheduledTriggers}): {@code {"triggerEvent":"MEETING_ENDED",
     * ...booking row}} with no envelope, so its {@code createdAt} is the booking's own.
     */
    public Delivery meetingEndedFlat(String uid) {
        var body = FakeJson.MAPPER.createObjectNode().put("triggerEvent", MEETING_ENDED);
        body.setAll(bookingRow(existing(uid)));
        return sign(MEETING_ENDED, body);
    }

    /**
     * Any booking trigger (BOOKING_REQUESTED, BOOKING_REJECTED, BOOKING_PAID, BOOKING_PAYMENT_INITIATED…) with the
     * standard booking payload and that trigger's status and extras.
     */
    public Delivery bookingEvent(String trigger, String uid) {
        var booking = existing(uid);
        var envelope = envelope(trigger);
        envelope.set("payload", bookingPayload(trigger, booking));
        return sign(trigger, envelope);
    }

    /** Signs any body as Cal.com would (e.g. garbage, or a hand-made payload). */
    public Delivery signed(String trigger, String rawBody) {
        return signed(trigger, rawBody.getBytes(StandardCharsets.UTF_8));
    }

    public Delivery signed(String trigger, byte[] rawBody) {
        return Delivery.of(trigger, rawBody, secret);
    }

    /** Cal.com's signature: lower-case hex HMAC-SHA256 of the exact bytes; {@code no-secret-provided} without a secret. */
    public static String signature(String secret, byte[] rawBody) {
        if (secret == null || secret.isEmpty()) {
            return NO_SECRET_PROVIDED;
        }
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(rawBody));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- bodies ----

    private FakeBooking existing(String uid) {
        return calcom.booking(uid).orElseThrow(() -> new NoSuchElementException("the fake holds no booking " + uid));
    }

    private ObjectNode envelope(String trigger) {
        Instant at = createdAt != null ? createdAt : calcom.state().now();
        return FakeJson.MAPPER.createObjectNode().put("triggerEvent", trigger).put("createdAt", FakeJson.utc(at));
    }

    private Delivery sign(String trigger, ObjectNode body) {
        try {
            return Delivery.of(trigger, FakeJson.MAPPER.writeValueAsBytes(body), secret); // JSON.stringify: compact
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** BookingPayloadBuilder 2021-10-20: the CalendarEvent spread, then the booking's fields and the trigger's extras. */
    private ObjectNode bookingPayload(String trigger, FakeBooking b) {
        var state = calcom.state();
        var eventType = state.eventType(b.eventTypeId()).orElseThrow();
        var host = state.hostOf(eventType);
        boolean cancelled = trigger.equals(BOOKING_CANCELLED);
        String video = videoCallUrl(b);
        // handleCancelBooking writes times with dayjs().format() (offset), handleNewBooking in UTC "Z".
        String start = cancelled ? offsetSeconds(b.start()) : b.start().toString();
        String end = cancelled ? offsetSeconds(b.end()) : b.end().toString();

        var p = FakeJson.MAPPER.createObjectNode();
        p.put("type", eventType.slug());
        p.put("title", eventType.title() + " between " + host.name() + " and " + b.attendeeName());
        p.put("description", "");
        p.put("additionalNotes", "");
        p.putObject("customInputs");
        p.put("startTime", start).put("endTime", end);
        var organizer = p.putObject("organizer");
        organizer
                .put("id", host.id())
                .put("name", host.name())
                .put("email", host.email())
                .put("username", host.username())
                .put("timeZone", host.zone().getId());
        organizer.putObject("language").put("locale", "en");
        organizer.put("timeFormat", "h:mma").put("utcOffset", utcOffset(host.zone(), b.start()));
        var responses = p.putObject("responses");
        responses.putObject("name").put("label", "your_name").put("value", b.attendeeName());
        responses.putObject("email").put("label", "email_address").put("value", b.attendeeEmail());
        var location = responses.putObject("location").put("label", "location").putObject("value");
        location.put("optionValue", "").put("value", b.location());
        p.putObject("userFieldsResponses");
        var attendee = p.putArray("attendees").addObject();
        attendee.put("email", b.attendeeEmail()).put("name", b.attendeeName()).put("timeZone", b.attendeeTimeZone());
        attendee.putObject("language").put("locale", "en");
        attendee.put("utcOffset", utcOffset(zoneOrUtc(b.attendeeTimeZone()), b.start()));
        p.put("location", video != null ? video : b.location());
        p.putArray("destinationCalendar");
        p.put("hideCalendarNotes", false);
        p.putNull("requiresConfirmation");
        p.put("eventTypeId", eventType.id());
        p.put("seatsShowAttendees", true);
        p.putNull("seatsPerTimeSlot");
        p.put("uid", b.uid());
        p.put("iCalUID", b.uid() + "@Cal.com");
        if (!cancelled) {
            p.putArray("appsStatus");
            if (video != null) {
                p.putObject("videoCallData")
                        .put("type", "daily_video")
                        .put("id", b.uid())
                        .put("password", "")
                        .put("url", video);
            }
        }
        p.put("eventTitle", eventType.title());
        p.put("eventDescription", "");
        p.put("price", 0);
        p.put("currency", "usd");
        p.put("length", eventType.lengthMinutes());
        p.put("bookingId", b.id());
        if (!cancelled) {
            // handleNewBooking: metadata = {...videoCallUrl, ...reqBody.metadata}; handleCancelBooking has none.
            var metadata = p.putObject("metadata");
            if (video != null) {
                metadata.put("videoCallUrl", video);
            }
            b.metadata().forEach(metadata::put);
        }
        p.put(
                "status",
                switch (trigger) {
                    case BOOKING_CANCELLED -> "CANCELLED";
                    case "BOOKING_REQUESTED" -> "PENDING";
                    case "BOOKING_REJECTED" -> "REJECTED";
                    default -> "ACCEPTED";
                });
        switch (trigger) {
            case BOOKING_CANCELLED -> {
                if (b.cancellationReason() == null) {
                    p.putNull("cancellationReason");
                } else {
                    p.put("cancellationReason", b.cancellationReason());
                }
                p.put("cancelledBy", host.email()).put("requestReschedule", false);
            }
            case BOOKING_RESCHEDULED -> {
                var previous = b.rescheduledFromUid() == null
                        ? null
                        : calcom.booking(b.rescheduledFromUid()).orElse(null);
                if (previous != null) {
                    p.put("rescheduleId", previous.id())
                            .put("rescheduleUid", previous.uid())
                            .put("rescheduleStartTime", previous.start().toString())
                            .put("rescheduleEndTime", previous.end().toString());
                }
                p.put("rescheduledBy", host.email());
            }
            case "BOOKING_PAID", "BOOKING_PAYMENT_INITIATED" -> {
                p.put("paymentId", b.id());
                p.putObject("paymentData");
            }
            default -> {}
        }
        return p;
    }

    /** The Prisma booking row as JSON.stringify writes it (Dates in UTC with milliseconds). */
    private ObjectNode bookingRow(FakeBooking b) {
        var state = calcom.state();
        var eventType = state.eventType(b.eventTypeId()).orElseThrow();
        var host = state.hostOf(eventType);
        String video = videoCallUrl(b);
        var row = FakeJson.MAPPER.createObjectNode();
        row.put("id", b.id())
                .put("uid", b.uid())
                .put("title", eventType.title() + " between " + host.name() + " and " + b.attendeeName())
                .put("description", "")
                .put("startTime", FakeJson.utc(b.start()))
                .put("endTime", FakeJson.utc(b.end()))
                .put("status", b.status().toUpperCase(Locale.ROOT))
                .put("location", b.location());
        row.putObject("customInputs");
        var responses = row.putObject("responses");
        responses.putObject("name").put("label", "name").put("value", b.attendeeName());
        responses.putObject("email").put("label", "email").put("value", b.attendeeEmail());
        row.put("userId", host.id()).put("userPrimaryEmail", host.email()).put("eventTypeId", eventType.id());
        var metadata = row.putObject("metadata");
        if (video != null) {
            metadata.put("videoCallUrl", video);
        }
        b.metadata().forEach(metadata::put);
        row.put("paid", false)
                .put("createdAt", FakeJson.utc(b.createdAt()))
                .put("updatedAt", FakeJson.utc(b.updatedAt() != null ? b.updatedAt() : b.createdAt()));
        row.putObject("user")
                .put("email", host.email())
                .put("name", host.name())
                .put("username", host.username())
                .put("timeZone", host.zone().getId())
                .put("locale", "en");
        row.putObject("eventType").putNull("bookingFields").putNull("team");
        row.putArray("attendees")
                .addObject()
                .put("id", b.id())
                .put("name", b.attendeeName())
                .put("email", b.attendeeEmail())
                .put("timeZone", b.attendeeTimeZone())
                .put("locale", "en")
                .putNull("phoneNumber")
                .put("bookingId", b.id())
                .put("noShow", false);
        row.putArray("payment");
        row.putArray("references");
        row.putObject("userFieldsResponses");
        return row;
    }

    /** Cal Video's room ({@code integrations:daily}); a URL location has no videoCallUrl. */
    private static String videoCallUrl(FakeBooking b) {
        return b.location().startsWith("integrations:daily") ? "https://app.cal.com/video/" + b.uid() : null;
    }

    private static String offsetSeconds(Instant instant) {
        return OFFSET_SECONDS.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static int utcOffset(ZoneId zone, Instant at) {
        return zone.getRules().getOffset(at).getTotalSeconds() / 60;
    }

    private static ZoneId zoneOrUtc(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /**
     * One delivery: the exact bytes and the headers Cal.com sends with them. {@link #header(String)} looks up
     * case-insensitively, as the webhook port asks ({@code reader.read(d.body(), d::header)}).
     */
    public record Delivery(String trigger, byte[] body, Map<String, String> headers) {
        public Delivery {
            body = body.clone();
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        static Delivery of(String trigger, byte[] body, String secret) {
            var headers = new LinkedHashMap<String, String>();
            headers.put("Content-Type", "application/json");
            headers.put(VERSION_HEADER, VERSION);
            headers.put(SIGNATURE_HEADER, FakeCalComWebhooks.signature(secret, body));
            return new Delivery(trigger, body, headers);
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public String toString() {
            return "Delivery[" + trigger + ", " + body.length + " bytes, " + headers + "]";
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** A header by name, any case; null when absent. */
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
        }

        public String signature() {
            return header(SIGNATURE_HEADER);
        }

        /** Another body under the same headers (so its signature no longer fits). */
        public Delivery withBody(byte[] otherBody) {
            return new Delivery(trigger, otherBody, headers);
        }

        /** The body with one bit of one byte flipped, the signature kept. */
        public Delivery tampered() {
            byte[] changed = body.clone();
            changed[changed.length / 2] ^= 0x01;
            return withBody(changed);
        }

        /** A header set (or, with null, removed), any other kept. */
        public Delivery withHeader(String name, String value) {
            var changed = new LinkedHashMap<String, String>();
            headers.forEach((k, v) -> {
                if (!k.equalsIgnoreCase(name)) {
                    changed.put(k, v);
                }
            });
            if (value != null) {
                changed.put(name, value);
            }
            return new Delivery(trigger, body, changed);
        }

        public Delivery withoutSignature() {
            return withHeader(SIGNATURE_HEADER, null);
        }

        /** POSTs it as Cal.com does: these bytes and headers, no redirect followed. */
        public HttpResponse<String> postTo(URI url) {
            var request = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            try {
                return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while delivering a webhook", e);
            }
        }

        public HttpResponse<String> postTo(String url) {
            return postTo(URI.create(url));
        }
    }
}
