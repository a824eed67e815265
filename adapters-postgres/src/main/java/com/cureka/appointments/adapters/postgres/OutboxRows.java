package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.outbox.OutboxEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.cureka.appointments.adapters.postgres.Timestamps.utc;

/** Writes an event into the {@code outbox} on the caller's handle, so that it commits or rolls back with the change. */
final class OutboxRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutboxRows() {}

    /** One row per consumer, due at once. */
    static void insert(Handle h, OutboxEvent event, List<String> consumers) {
        h.createUpdate("""
                        INSERT INTO outbox (event_id, consumer, event_type, number, occurred_at, payload, due_at, created_at)
                        SELECT :eventId, c, :type, :number, :at, CAST(:payload AS jsonb), :at, :at
                          FROM unnest(CAST(:consumers AS text[])) AS c
                        """)
                .bind("eventId", event.id())
                .bind("type", event.type())
                .bind("number", event.number().format())
                .bind("at", utc(event.occurredAt()))
                .bind("payload", json(event.payload()))
                .bind("consumers", consumers.toArray(String[]::new))
                .execute();
    }

    static String json(Map<String, String> payload) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> payload(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outbox payload that is not JSON", e);
        }
    }
}
