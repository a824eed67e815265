package com.cureka.appointments.application.port.outbox;

import com.cureka.appointments.domain.appointment.AppointmentNumber;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Something that happened to an appointment, recorded in the same transaction as the change itself and handed to
 * every consumer afterwards. {@code id} stays the same across retries, so that receivers can deduplicate.
 *
 * @param type {@code appointment.booked}, {@code appointment.rescheduled}, … (see {@link EventType})
 * @param payload flat facts of the moment (status, starts_at, sequence, …), as strings; absent values are left out
 */
public record OutboxEvent(
        UUID id, String type, AppointmentNumber number, Instant occurredAt, Map<String, String> payload) {
    public OutboxEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(occurredAt, "occurredAt");
        payload = Map.copyOf(payload);
    }

    /** A payload value, or null when the event has none by that name. */
    public String get(String key) {
        return payload.get(key);
    }
}
