package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.calendar.CalendarEventLog;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import static com.cureka.appointments.adapters.postgres.Timestamps.utc;

/**
 * {@link CalendarEventLog} in PostgreSQL ({@code calendar_webhook_deliveries}), shared by every instance: the first
 * insert of a delivery's hash wins, also when the same delivery reaches two instances at once.
 */
public final class PostgresCalendarEventLog implements CalendarEventLog {
    /** How long deliveries are remembered by default; calendars retry for minutes to hours, not days. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    private static final int PURGE_BATCH = 5_000;

    private final Jdbi jdbi;
    private final BatchedPurge purge;

    public PostgresCalendarEventLog(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.purge = new BatchedPurge(jdbi, "calendar_webhook_deliveries", "received_at < :before", PURGE_BATCH);
    }

    @Override
    public boolean firstDelivery(String deliveryHash, String eventType, Instant receivedAt) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO calendar_webhook_deliveries (hash, event_type, received_at)
                        VALUES (:hash, :eventType, :receivedAt)
                        ON CONFLICT (hash) DO NOTHING
                        """)
                        .bind("hash", deliveryHash)
                        .bind("eventType", eventType)
                        .bind("receivedAt", utc(receivedAt))
                        .execute()
                == 1);
    }

    @Override
    public void forget(String deliveryHash) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM calendar_webhook_deliveries WHERE hash = :hash")
                .bind("hash", deliveryHash)
                .execute());
    }

    /** Forgets deliveries received before the instant; answers how many. */
    public int purgeOlderThan(Instant instant) {
        return purge.purge(Map.of("before", utc(instant)));
    }
}
