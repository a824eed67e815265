package com.cureka.appointments.adapters.http.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How instants are written on the wire: local time in a given zone with an explicit offset, to the second. */
public final class WireTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private WireTime() {}

    /**
     * Never fails, and never misleads: an instant whose year in that zone has not four digits (stored before the
     * API bounded dates) is written in UTC as ISO-8601 ({@code -999999999-01-01T00:00:00Z}) instead, so that an
     * answer after a commit is never a 500 and a year BC is never shown as a year AD.
     */
    public static String format(Instant instant, ZoneId zone) {
        try {
            var local = instant.atZone(zone);
            if (local.getYear() >= 1 && local.getYear() <= 9999) {
                return FORMAT.format(local);
            }
        } catch (DateTimeException beyondTheCalendar) {
            // written in UTC below
        }
        return instant.toString();
    }
}
