package com.cureka.appointments.adapters.calcom.fake;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /v2/slots} as in cal-api-version 2024-09-04 (CALCOM.md §2). */
final class SlotsEndpoint {
    private static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final FakeCalendarState state;

    SlotsEndpoint(FakeCalendarState state) {
        this.state = state;
    }

    FakeResponse get(FakeRequest request) {
        var eventType = eventTypeOf(request);
        Instant start = parseStart(request.param("start"), "start");
        Instant end = parseEnd(request.param("end"));
        ZoneId zone = zoneOf(request.param("timeZone"));
        boolean range = rangeFormat(request.param("format"));
        if (end.isBefore(start)) {
            throw CalComError.badRequest("end must be after start");
        }
        var perDay = new TreeMap<String, List<Map<String, String>>>();
        for (Instant slot : state.freeStarts(eventType, start, end, request.param("bookingUidToReschedule"))) {
            // Which zone the date keys are computed in is unconfirmed; the fake uses the requested one.
            var local = slot.atZone(zone == null ? ZoneOffset.UTC : zone);
            var rendered = new LinkedHashMap<String, String>();
            rendered.put("start", render(slot, zone));
            if (range) {
                rendered.put("end", render(slot.plus(eventType.length()), zone));
            }
            perDay.computeIfAbsent(local.toLocalDate().toString(), d -> new ArrayList<>())
                    .add(rendered);
        }
        return new FakeResponse(200, FakeJson.success(perDay));
    }

    private FakeCalendarState.EventType eventTypeOf(FakeRequest request) {
        String id = request.param("eventTypeId");
        if (id != null) {
            try {
                return state.eventType(Long.parseLong(id))
                        .orElseThrow(() -> CalComError.notFound("Event Type not found"));
            } catch (NumberFormatException e) {
                throw CalComError.badRequest("eventTypeId must be an integer number");
            }
        }
        String slug = request.param("eventTypeSlug");
        String username = request.param("username");
        if (slug != null && username != null) {
            state.host(username)
                    .orElseThrow(() -> CalComError.notFound("User with username " + username + " not found"));
            return state.eventType(slug, username).orElseThrow(() -> CalComError.notFound("Event Type not found"));
        }
        throw CalComError.badRequest(
                "Either eventTypeId or eventTypeSlug + username or eventTypeSlug + teamSlug must be provided");
    }

    /** IsDateString strict, parsed in UTC. */
    private static Instant parseStart(String text, String name) {
        if (text == null) {
            throw CalComError.badRequest(name + " must be a valid ISO 8601 date string");
        }
        try {
            return text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw CalComError.badRequest(name + " must be a valid ISO 8601 date string");
        }
    }

    /** A midnight end (date only, or T00:00:00) stands for the whole day: 23:59:59 UTC. */
    private static Instant parseEnd(String text) {
        Instant end = parseStart(text, "end");
        var utc = end.atOffset(ZoneOffset.UTC);
        return utc.toLocalTime().equals(LocalTime.MIDNIGHT)
                ? utc.toLocalDate().atTime(23, 59, 59).toInstant(ZoneOffset.UTC)
                : end;
    }

    private static ZoneId zoneOf(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw CalComError.badRequest("timeZone must be a valid IANA time zone");
        }
    }

    private static boolean rangeFormat(String format) {
        if (format == null) {
            return false;
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "range" -> true;
            case "time" -> false;
            default -> throw CalComError.badRequest("slotFormat must be either 'range' or 'time'");
        };
    }

    /** Without a time zone: UTC "…000Z"; with one: Luxon's toISO, "2050-09-05T09:00:00.000+02:00". */
    private static String render(Instant instant, ZoneId zone) {
        return zone == null ? FakeJson.utc(instant) : WITH_OFFSET.format(instant.atZone(zone));
    }
}
