package com.cureka.appointments.adapters.calcom.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The create and reschedule bodies' validation (whitelist with forbidNonWhitelisted, metadata limits). Cal.com
 * flattens the failures into one message: {@code "<prop> property is wrong,<constraints>"} (S28).
 */
final class CreateBookingValidation {
    static final Set<String> CREATE_FIELDS = Set.of(
            "start",
            "eventTypeId",
            "eventTypeSlug",
            "username",
            "teamSlug",
            "organizationSlug",
            "attendee",
            "guests",
            "location",
            "meetingUrl",
            "metadata",
            "bookingFieldsResponses",
            "lengthInMinutes",
            "routing",
            "emailVerificationCode",
            "instant",
            "recurrenceCount");
    static final Set<String> ATTENDEE_FIELDS = Set.of("name", "email", "phoneNumber", "timeZone", "language");
    static final Set<String> CANCEL_FIELDS = Set.of("cancellationReason", "cancelSubsequentBookings", "seatUid");
    static final Set<String> RESCHEDULE_FIELDS =
            Set.of("start", "reschedulingReason", "rescheduledBy", "emailVerificationCode", "seatUid");
    static final String METADATA_LIMITS = "Metadata must have at most 50 keys, each key up to 40 characters, "
            + "and string values up to 500 characters.";
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}$");

    private CreateBookingValidation() {}

    static ObjectNode parseObject(String body) {
        try {
            JsonNode node = FakeJson.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (Exception e) {
            // fall through
        }
        throw CalComError.badRequest("Unexpected token in JSON body");
    }

    static void onlyWhitelisted(JsonNode node, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw wrong(name, "property " + name + " should not exist");
            }
        }
    }

    static Instant start(JsonNode body) {
        var start = body.get("start");
        if (start == null || !start.isTextual()) {
            throw wrong("start", "start must be a valid ISO 8601 date string");
        }
        try {
            return OffsetDateTime.parse(start.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw wrong("start", "start must be a valid ISO 8601 date string");
        }
    }

    /** Name required; email valid if given; at least email or phone; an IANA time zone. */
    static void attendee(JsonNode attendee) {
        if (attendee == null || !attendee.isObject()) {
            throw wrong("attendee", "attendee must be an object");
        }
        onlyWhitelisted(attendee, ATTENDEE_FIELDS);
        if (!attendee.path("name").isTextual()) {
            throw wrong("attendee", "name must be a string");
        }
        var email = attendee.get("email");
        if (email != null
                && !(email.isTextual() && EMAIL.matcher(email.asText()).matches())) {
            throw wrong("attendee", "email must be an email");
        }
        if (email == null && attendee.get("phoneNumber") == null) {
            throw wrong("attendee", "Attendee must have at least one contact method (email or phone number)");
        }
        try {
            ZoneId.of(attendee.path("timeZone").asText(""));
        } catch (DateTimeException e) {
            throw wrong("attendee", "timeZone must be a valid IANA time zone");
        }
    }

    /** String values only (validator d0cd7ce), at most 50 keys, keys up to 40, values up to 500 characters. */
    static Map<String, String> metadata(JsonNode metadata) {
        var values = new LinkedHashMap<String, String>();
        if (metadata == null) {
            return values;
        }
        if (!metadata.isObject() || metadata.size() > 50) {
            throw wrong("metadata", METADATA_LIMITS);
        }
        for (var fields = metadata.fields(); fields.hasNext(); ) {
            var field = fields.next();
            if (field.getKey().length() > 40
                    || !field.getValue().isTextual()
                    || field.getValue().asText().length() > 500) {
                throw wrong("metadata", METADATA_LIMITS);
            }
            values.put(field.getKey(), field.getValue().asText());
        }
        return values;
    }

    private static CalComError wrong(String property, String constraint) {
        return CalComError.badRequest(property + " property is wrong," + constraint);
    }
}
