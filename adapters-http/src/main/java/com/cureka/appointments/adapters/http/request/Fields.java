package com.cureka.appointments.adapters.http.request;

import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.Uuids;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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

    /** An ISO-8601 date-time with an explicit offset: {@code 2025-09-23T14:30:00+05:30}; a local time is ambiguous. */
    public static Instant offsetDateTime(String text, String field, FieldErrors errors) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
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
            return LocalDate.parse(text.strip(), DATE);
        } catch (DateTimeParseException e) {
            errors.add(field, FieldCode.INVALID_FORMAT, "must be a date in the form YYYY-MM-DD");
            return null;
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
