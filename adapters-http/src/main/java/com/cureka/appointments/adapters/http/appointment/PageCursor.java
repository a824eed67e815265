package com.cureka.appointments.adapters.http.appointment;

import com.cureka.appointments.adapters.http.request.Fields;
import com.cureka.appointments.application.port.appointment.AppointmentQuery;
import com.cureka.appointments.domain.appointment.AppointmentNumber;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code next_cursor} of the appointment list: opaque to clients, base64url of {@code "<start epoch millis>:<number>"},
 * the last item of the page (keyset pagination, so pages stay stable while appointments are added).
 * Anything that does not decode to that shape is refused rather than guessed at.
 */
final class PageCursor {
    private static final int MAX_LENGTH = 128;
    private static final Pattern SHAPE = Pattern.compile("(-?\\d{1,19}):([A-Z0-9-]{1,40})");

    private PageCursor() {}

    static String encode(AppointmentQuery.Cursor cursor) {
        String plain = cursor.start().toEpochMilli() + ":" + cursor.number().format();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    static Optional<AppointmentQuery.Cursor> decode(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        var m = SHAPE.matcher(plain);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            var start = Instant.ofEpochMilli(Long.parseLong(m.group(1)));
            if (!Fields.withinBounds(start, ZoneOffset.UTC)) {
                return Optional.empty(); // the database could not compare it: never one this API gave out
            }
            return AppointmentNumber.parse(m.group(2)).map(number -> new AppointmentQuery.Cursor(start, number));
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
