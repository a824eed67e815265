package com.cureka.appointments.adapters.calcom.webhook;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reading single fields of a Cal.com payload; a field that is there but garbled stops the reading. */
final class PayloadFields {
    private PayloadFields() {}

    /** A non-blank string field, else null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    /** "2023-05-25T09:30:00Z", "2023-05-25T09:30:00.000Z" or "2023-02-21T11:00:00+00:00"; absent is null. */
    static Instant instant(JsonNode node, String field) {
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

    /** Signed but not readable: stops reading, becomes {@code Reading.Unreadable}. */
    static final class NotReadable extends RuntimeException {
        NotReadable(String why) {
            super(why, null, false, false);
        }
    }
}
