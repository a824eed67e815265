package com.cureka.appointments.application.port.calendar;

import java.util.Optional;
import java.util.function.Function;

/**
 * Output port: checks a calendar webhook delivery's signature over the raw body and reads the event. Lives
 * with the calendar's adapter (it knows the calendar's signature scheme and payloads); the HTTP adapter only
 * hands over the raw bytes and headers.
 */
public interface CalendarWebhookReader {
    /**
     * @param rawBody the body exactly as received (never re-serialised: the signature is over these bytes)
     * @param header  header lookup by name, case-insensitive; null when absent
     */
    Reading read(byte[] rawBody, Function<String, String> header);

    sealed interface Reading {
        /** Signed correctly. {@code event} is empty for an event type we do not act on; {@code deliveryHash} dedupes. */
        record Verified(String eventType, Optional<CalendarEvent> event, String deliveryHash) implements Reading {}

        /** Missing or wrong signature, or no webhook secret configured: answer 401. */
        record BadSignature() implements Reading {}

        /** Signed, but not a payload we can read, or older than the freshness window: acknowledge and ignore. */
        record Unreadable(String why) implements Reading {}
    }
}
