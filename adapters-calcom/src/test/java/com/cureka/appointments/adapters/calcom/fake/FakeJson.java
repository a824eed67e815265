package com.cureka.appointments.adapters.calcom.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The fake's JSON: bookings in BookingOutput_2024_08_13's key order, and Cal.com's error envelopes. */
final class FakeJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Map<Integer, String> REASONS = Map.of(
            400,
            "Bad Request",
            401,
            "Unauthorized",
            403,
            "Forbidden",
            404,
            "Not Found",
            409,
            "Conflict",
            422,
            "Unprocessable Entity",
            502,
            "Bad Gateway",
            503,
            "Service Unavailable",
            504,
            "Gateway Timeout");

    private FakeJson() {}

    static String utc(Instant instant) {
        return UTC_MILLIS.format(instant);
    }

    /** The Nest exception Cal.com names in {@code error.code} for a status. */
    static String exceptionName(int status) {
        return switch (status) {
            case 400 -> "BadRequestException";
            case 401 -> "UnauthorizedException";
            case 403 -> "ForbiddenException";
            case 404 -> "NotFoundException";
            case 409 -> "ConflictException";
            case 422 -> "UnprocessableEntityException";
            case 502 -> "BadGatewayException";
            case 503 -> "ServiceUnavailableException";
            case 504 -> "GatewayTimeoutException";
            default -> "HttpException";
        };
    }

    static ObjectNode success(Object data) {
        var body = MAPPER.createObjectNode().put("status", "success");
        body.set("data", MAPPER.valueToTree(data));
        return body;
    }

    /**
     * {@code {status:"error", timestamp, path, error:{code, message, details}}}; for Nest HttpExceptions
     * {@code details = {message, error:<reason phrase>, statusCode}}. An unknown exception (500) has no details.
     */
    static ObjectNode error(int status, String code, String message, String path, Instant now) {
        var body = MAPPER.createObjectNode()
                .put("status", "error")
                .put("timestamp", utc(now))
                .put("path", path);
        var error = body.putObject("error");
        if (status == 500) {
            error.put("code", "INTERNAL_SERVER_ERROR").put("message", "Internal server error.");
            return body;
        }
        error.put("code", code).put("message", message);
        error.putObject("details")
                .put("message", message)
                .put("error", REASONS.getOrDefault(status, "Error"))
                .put("statusCode", status);
        return body;
    }

    /** ThrottlerException is built from a string, so its details are that string. */
    static ObjectNode throttled(String path, Instant now) {
        String message = "CustomThrottlerGuard - Too many requests. Please try again later.";
        var body = MAPPER.createObjectNode()
                .put("status", "error")
                .put("timestamp", utc(now))
                .put("path", path);
        body.putObject("error")
                .put("code", "ThrottlerException")
                .put("message", message)
                .put("details", message);
        return body;
    }

    static ObjectNode booking(FakeBooking b, FakeCalendarState.EventType eventType, FakeCalendarState.Host host) {
        var node = MAPPER.createObjectNode();
        node.put("id", b.id())
                .put("uid", b.uid())
                .put("title", eventType.title() + " between " + host.name() + " and " + b.attendeeName())
                .put("description", "");
        ArrayNode hosts = node.putArray("hosts");
        hosts.addObject()
                .put("id", host.id())
                .put("name", host.name())
                .put("email", host.email())
                .put("displayEmail", host.email())
                .put("username", host.username())
                .put("timeZone", host.zone().getId());
        node.put("status", b.status());
        putIfPresent(node, "cancellationReason", b.cancellationReason());
        putIfPresent(node, "reschedulingReason", b.reschedulingReason());
        putIfPresent(node, "rescheduledFromUid", b.rescheduledFromUid());
        putIfPresent(node, "rescheduledToUid", b.rescheduledToUid());
        node.put("start", utc(b.start()))
                .put("end", utc(b.end()))
                .put("duration", eventType.lengthMinutes())
                .put("eventTypeId", eventType.id());
        node.putObject("eventType").put("id", eventType.id()).put("slug", eventType.slug());
        node.put("meetingUrl", b.location())
                .put("location", b.location())
                .put("absentHost", false)
                .put("createdAt", utc(b.createdAt()));
        if (b.updatedAt() == null) {
            node.putNull("updatedAt");
        } else {
            node.put("updatedAt", utc(b.updatedAt()));
        }
        var metadata = node.putObject("metadata");
        b.metadata().forEach(metadata::put);
        if (b.location().startsWith("integrations:daily")) {
            metadata.put("videoCallUrl", "https://app.cal.com/video/" + b.uid());
        }
        node.put("icsUid", b.uid() + "@Cal.com");
        node.putArray("attendees")
                .addObject()
                .put("name", b.attendeeName())
                .put("email", b.attendeeEmail())
                .put("displayEmail", b.attendeeEmail())
                .put("timeZone", b.attendeeTimeZone())
                .put("language", "en")
                .put("absent", false);
        node.putArray("guests");
        node.putObject("bookingFieldsResponses").put("name", b.attendeeName()).put("email", b.attendeeEmail());
        return node;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
