package com.cureka.appointments.adapters.http.request;

import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.Uuids;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Parses the text of request fields into values. Each parser returns null and notes an error when the text
 * is malformed; it returns null quietly when the text is absent, leaving "required" to the caller.
 */
public final class Fields {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final String TYPES =
            Arrays.stream(AppointmentType.values()).map(AppointmentType::code).collect(Collectors.joining(", "));

    /** API.md's bounds of every date-time and date on any route: far from where any clock or store overflows. */
    public static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);

    public static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    private static final String BOUNDS = "must lie between " + EARLIEST + " and " + LATEST;

    private Fields() {}

    public static boolean isAbsent(String text) {
        return text == null || text.isBlank();
    }

    public static UUID uuid(String text, String field, FieldErrors errors) {
        if (text == null) {
            return null;
        }
        var id = Uuids.parse(text.strip());
        if (id.isEmpty()) {
            errors.add(field, FieldCode.INVALID_FORMAT, "must be a UUID");
        }
        return id.orElse(null);
    }

    /**
     * An ISO-8601 date-time with an explicit offset: {@code 2025-09-23T14:30:00+05:30}; a local time is ambiguous.
     * Where no doctor is known yet, the bounds are checked in UTC (any zone is less than a day away).
     */
    public static Instant offsetDateTime(String text, String field, FieldErrors errors) {
        return offsetDateTime(text, field, ZoneOffset.UTC, errors);
    }

    /** As {@link #offsetDateTime(String, String, FieldErrors)}, with the bounds checked in the doctor's zone. */
    public static Instant offsetDateTime(String text, String field, ZoneId zone, FieldErrors errors) {
        if (text == null) {
            return null;
        }
        try {
            var instant = OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
            if (!withinBounds(instant, zone)) {
                errors.add(field, FieldCode.INVALID_FORMAT, BOUNDS);
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            errors.add(
                    field,
                    FieldCode.INVALID_FORMAT,
                    "must be an ISO-8601 date-time with an offset, e.g. 2025-09-23T14:30:00+05:30");
            return null;
        }
    }

    /** A calendar date, {@code YYYY-MM-DD}. */
    public static LocalDate date(String text, String field, FieldErrors errors) {
        if (text == null) {
            return null;
        }
        try {
            var day = LocalDate.parse(text.strip(), DATE);
            if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
                errors.add(field, FieldCode.INVALID_FORMAT, BOUNDS);
                return null;
            }
            return day;
        } catch (DateTimeParseException e) {
            errors.add(field, FieldCode.INVALID_FORMAT, "must be a date in the form YYYY-MM-DD");
            return null;
        }
    }

    /** Whether the instant's date in the zone lies within {@link #EARLIEST} and {@link #LATEST}. */
    public static boolean withinBounds(Instant instant, ZoneId zone) {
        try {
            var day = instant.atZone(zone).toLocalDate();
            return !day.isBefore(EARLIEST) && !day.isAfter(LATEST);
        } catch (DateTimeException beyondEveryCalendar) {
            return false;
        }
    }

    /** One of the appointment type codes; absent means the default, a consultation. */
    public static AppointmentType appointmentType(String text, String field, FieldErrors errors) {
        if (text == null) {
            return AppointmentType.CONSULTATION;
        }
        var type = AppointmentType.fromCode(text.strip().toLowerCase(Locale.ROOT));
        if (type.isEmpty()) {
            errors.add(field, FieldCode.INVALID_TYPE, "must be one of " + TYPES);
        }
        return type.orElse(null);
    }
}
