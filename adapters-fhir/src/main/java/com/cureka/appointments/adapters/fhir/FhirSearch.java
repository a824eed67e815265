package com.cureka.appointments.adapters.fhir;

import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.adapters.http.request.Fields;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The parsing shared by the searches and {@code $find}: date bounds, {@code _count}, instants. */
final class FhirSearch {
    /** At most this many days per Slot search or {@code $find}. */
    static final int MAX_DAYS = 7;

    static final int MAX_COUNT = 100;

    private FhirSearch() {}

    /** A date alone is that day's start in UTC; otherwise a date-time with an offset. */
    static Instant optionalInstant(String text, String field, FieldErrors errors) {
        if (text == null) {
            return null;
        }
        if (text.length() == 10) {
            var day = Fields.date(text, field, errors);
            return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return Fields.offsetDateTime(text, field, errors);
    }

    /** {@code _count} between 1 and {@link #MAX_COUNT}; anything else is noted and the fallback used. */
    static int count(String text, int fallback, FieldErrors errors) {
        if (text == null) {
            return fallback;
        }
        try {
            int count = Integer.parseInt(text.strip());
            if (count >= 1 && count <= MAX_COUNT) {
                return count;
            }
        } catch (NumberFormatException e) {
            // noted below
        }
        errors.add("_count", FieldCode.INVALID_FORMAT, "must be between 1 and " + MAX_COUNT);
        return fallback;
    }

    /** A half-open range of instants from FHIR search prefixes ({@code ge}, {@code gt}, {@code lt}, {@code le}). */
    record Range(Instant from, Instant to) {
        /** The bounds of a search over at most {@link #MAX_DAYS} days; from now for a day when none is given. */
        static Range of(List<String> values, String field, ZoneId zone, Instant now) {
            if (values.isEmpty()) {
                return new Range(now, now.plus(Duration.ofDays(1)));
            }
            var range = bounds(values, field, zone);
            var from = range.from() != null ? range.from() : now;
            var to = range.to() != null ? range.to() : from.plus(Duration.ofDays(1));
            return checked(from, to, field);
        }

        static Range checked(Instant from, Instant to, String field) {
            if (!to.isAfter(from)) {
                throw FhirParameters.invalid(field, FieldCode.INVALID_FORMAT, "The range ends before it starts");
            }
            if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
                throw FhirParameters.invalid(
                        field, FieldCode.INVALID_FORMAT, "A search covers at most " + MAX_DAYS + " days");
            }
            return new Range(from, to);
        }

        /** Either bound may be null; a date without a time is that day in {@code zone}. */
        static Range bounds(List<String> values, String field, ZoneId zone) {
            Instant from = null;
            Instant to = null;
            for (var value : values) {
                String prefix =
                        value.length() > 2 && Character.isLetter(value.charAt(0)) ? value.substring(0, 2) : "eq";
                String text = prefix.equals("eq") && !value.startsWith("eq") ? value : value.substring(2);
                Instant start;
                Instant next;
                try {
                    if (text.length() == 10) {
                        var day = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
                        start = day.atStartOfDay(zone).toInstant();
                        next = day.plusDays(1).atStartOfDay(zone).toInstant();
                    } else {
                        start = OffsetDateTime.parse(text).toInstant();
                        next = start;
                    }
                } catch (DateTimeParseException e) {
                    throw FhirParameters.invalid(
                            field, FieldCode.INVALID_FORMAT, "must be a date or a date-time with an offset");
                }
                switch (prefix) {
                    case "ge" -> from = start;
                    case "gt" -> from = next.equals(start) ? start.plusSeconds(1) : next;
                    case "lt" -> to = start;
                    case "le" -> to = next.equals(start) ? start.plusSeconds(1) : next;
                    case "eq" -> {
                        from = start;
                        to = next.equals(start) ? start.plusSeconds(1) : next;
                    }
                    default ->
                        throw FhirParameters.invalid(
                                field, FieldCode.INVALID_FORMAT, "prefix must be ge, gt, lt or le");
                }
            }
            return new Range(from, to);
        }
    }
}
