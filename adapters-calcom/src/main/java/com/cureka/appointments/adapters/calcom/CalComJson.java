package com.cureka.appointments.adapters.calcom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** The Cal.com API v2 bodies we send and read (see CALCOM.md), and how times are written on the wire. */
final class CalComJson {
    /** Unknown response fields are ignored: Cal.com adds fields without a new version. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    // Cal.com wants UTC "Z" times (DST pitfalls, #10517); the examples use milliseconds.
    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private CalComJson() {}

    static String format(Instant instant) {
        return UTC_MILLIS.format(instant);
    }

    /** Reads "2050-09-05T09:00:00.000+02:00" as well as "2024-08-13T15:30:00.000Z". */
    static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.parse(text);
        }
    }

    // ---- requests (POST /v2/bookings is validated with forbidNonWhitelisted: send only known fields) ----

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CreateBooking(
            String start,
            Long eventTypeId,
            String eventTypeSlug,
            String username,
            Attendee attendee,
            Map<String, String> metadata) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Attendee(String name, String email, String timeZone) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Cancel(String cancellationReason) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reschedule(String start, String reschedulingReason) {}

    // ---- responses ----

    /** {@code GET /v2/slots} (2024-09-04): day → slots, each at least a start. */
    record Slots(String status, Map<String, List<Slot>> data) {
        record Slot(String start, String end) {}
    }

    /** {@code data} is one booking, or an array for a recurring booking's uid. */
    record OneBooking(String status, JsonNode data) {}

    record BookingList(String status, List<Booking> data, Pagination pagination) {}

    record Pagination(int totalItems, int itemsReturned, boolean hasNextPage) {}

    /** The fields of {@code BookingOutput_2024_08_13} we use. */
    record Booking(
            long id,
            String uid,
            String status,
            String start,
            String end,
            String location,
            String meetingUrl,
            Map<String, Object> metadata,
            String rescheduledFromUid,
            String rescheduledToUid) {}

    /** {@code {status:"error", timestamp, path, error:{code, message, details}}}. */
    record ErrorEnvelope(String status, ErrorBody error) {
        record ErrorBody(String code, String message, JsonNode details) {}
    }
}
