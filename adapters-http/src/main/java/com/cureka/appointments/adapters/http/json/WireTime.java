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
     * Never fails: an instant that no calendar in that zone can show (stored before the API bounded dates) is
     * written in UTC as ISO-8601 instead, so that an answer after a commit is never a 500.
     */
    public static String format(Instant instant, ZoneId zone) {
        try {
            return FORMAT.format(instant.atZone(zone));
        } catch (DateTimeException beyondTheCalendar) {
            return instant.toString();
        }
    }
}
