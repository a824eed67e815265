package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.webhook.AppointmentEvent;
import com.cureka.appointments.application.port.webhook.DeliveryStatus;
import com.cureka.appointments.application.port.webhook.WebhookDeliveries;
import com.cureka.appointments.application.port.webhook.WebhookDelivery;
import com.cureka.appointments.application.port.webhook.WebhookEventType;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import static com.cureka.appointments.adapters.postgres.Timestamps.utc;

/**
 * {@link WebhookDeliveries} in PostgreSQL ({@code webhook_deliveries}). Workers on every instance claim with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, so no HTTP call ever runs inside a transaction, two instances never
 * take the same delivery, and a delivery of an instance that died is taken again when its lease ran out.
 */
public final class PostgresWebhookDeliveries implements WebhookDeliveries {
    private static final RowMapper<WebhookDelivery> ROW = PostgresWebhookDeliveries::map;

    /**
     * Due deliveries in (next_attempt_at, seq) order, each the head of its queue: its seq is the first pending one of
     * its subscriber and appointment, looked up in {@code webhook_deliveries_queue}. Written so that the plan is
     * bounded by the LIMIT, not by the backlog, whatever the statistics say (V12; docs/webhooks.md).
     */
    static final String CLAIM_DUE = """
            UPDATE webhook_deliveries d
               SET attempts = d.attempts + 1, leased_until = :leasedUntil
              FROM (SELECT c.id FROM webhook_deliveries c
                     WHERE c.status = 'pending' AND c.next_attempt_at <= :now
                       AND (c.leased_until IS NULL OR c.leased_until < :now)
                       AND c.seq = (SELECT e.seq FROM webhook_deliveries e
                                     WHERE e.subscription_id = c.subscription_id
                                       AND e.appointment_number = c.appointment_number
                                       AND e.status = 'pending'
                                     ORDER BY e.occurred_at, e.seq
                                     LIMIT 1)
                     ORDER BY c.next_attempt_at, c.seq
                     LIMIT :limit
                     FOR UPDATE SKIP LOCKED) due
             WHERE d.id = due.id
            RETURNING d.*
            """;

    private final Jdbi jdbi;

    public PostgresWebhookDeliveries(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public int enqueue(AppointmentEvent event, String body, List<UUID> subscriptionIds, Instant now) {
        return jdbi.inTransaction(h -> {
            var batch = h.prepareBatch("""
                    INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, appointment_number,
                        body, status, next_attempt_at, occurred_at, created_at)
                    SELECT :id, :subscriptionId, :eventId, :eventType, :number, :body, 'pending', :now, :occurredAt,
                           :now
                     WHERE EXISTS (SELECT 1 FROM webhook_subscriptions WHERE id = :subscriptionId)
                    ON CONFLICT (event_id, subscription_id) DO NOTHING
                    """);
            for (var subscriptionId : subscriptionIds) {
                batch.bind("id", UUID.randomUUID())
                        .bind("subscriptionId", subscriptionId)
                        .bind("eventId", event.eventId())
                        .bind("eventType", event.type().code())
                        .bind("number", event.number().format())
                        .bind("body", body)
                        .bind("now", utc(now))
                        .bind("occurredAt", utc(event.occurredAt()))
                        .add();
            }
            int added = 0;
            for (int count : batch.execute()) {
                added += count;
            }
            return added;
        });
    }

    /**
     * The head of a queue is the pending delivery with no earlier pending one of the same subscriber and appointment.
     * A claimed head stays pending, so the next of its queue is never due while the head is being attempted.
     */
    @Override
    public List<WebhookDelivery> claimDue(Instant now, Duration lease, int limit) {
        return jdbi.inTransaction(h -> QueueClaim.query(h, CLAIM_DUE)
                .bind("now", utc(now))
                .bind("leasedUntil", utc(now.plus(lease)))
                .bind("limit", limit)
                .map(ROW)
                .list());
    }

    @Override
    public void succeeded(UUID deliveryId, int statusCode, Instant at) {
        settle(deliveryId, DeliveryStatus.SUCCEEDED, statusCode, null, null);
    }

    @Override
    public void retryAt(UUID deliveryId, Integer statusCode, String error, Instant nextAttemptAt) {
        settle(deliveryId, DeliveryStatus.PENDING, statusCode, error, nextAttemptAt);
    }

    @Override
    public void failed(UUID deliveryId, Integer statusCode, String error, Instant at) {
        settle(deliveryId, DeliveryStatus.FAILED, statusCode, error, null);
    }

    private void settle(UUID id, DeliveryStatus status, Integer statusCode, String error, Instant next) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE webhook_deliveries
                           SET status = :status, last_status_code = :code, last_error = :error,
                               next_attempt_at = COALESCE(:next, next_attempt_at), leased_until = NULL
                         WHERE id = :id
                        """)
                .bind("id", id)
                .bind("status", status.code())
                .bind("code", statusCode)
                .bind("error", error)
                .bind("next", next == null ? null : utc(next))
                .execute());
    }

    @Override
    public List<WebhookDelivery> page(UUID subscriptionId, DeliveryStatus status, int limit, UUID after) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM webhook_deliveries
                         WHERE subscription_id = :subscriptionId
                           AND (CAST(:status AS text) IS NULL OR status = :status)
                           AND (CAST(:after AS uuid) IS NULL
                                OR seq < (SELECT seq FROM webhook_deliveries WHERE id = :after))
                         ORDER BY seq DESC
                         LIMIT :limit
                        """)
                .bind("subscriptionId", subscriptionId)
                .bind("status", status == null ? null : status.code())
                .bind("after", after)
                .bind("limit", limit)
                .map(ROW)
                .list());
    }

    @Override
    public Optional<WebhookDelivery> byId(UUID subscriptionId, UUID deliveryId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM webhook_deliveries WHERE id = :id AND subscription_id = :subscriptionId")
                .bind("id", deliveryId)
                .bind("subscriptionId", subscriptionId)
                .map(ROW)
                .findOne());
    }

    @Override
    public boolean redeliver(UUID subscriptionId, UUID deliveryId, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                                UPDATE webhook_deliveries
                                   SET status = 'pending', attempts = 0, next_attempt_at = :now, leased_until = NULL
                                 WHERE id = :id AND subscription_id = :subscriptionId
                                """)
                        .bind("id", deliveryId)
                        .bind("subscriptionId", subscriptionId)
                        .bind("now", utc(now))
                        .execute()
                == 1);
    }

    @Override
    public long due(Instant now) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= :now")
                .bind("now", utc(now))
                .mapTo(Long.class)
                .one());
    }

    private static WebhookDelivery map(ResultSet rs, StatementContext ctx) throws SQLException {
        int code = rs.getInt("last_status_code");
        Integer lastStatusCode = rs.wasNull() ? null : code;
        return new WebhookDelivery(
                rs.getObject("id", UUID.class),
                rs.getObject("subscription_id", UUID.class),
                rs.getObject("event_id", UUID.class),
                WebhookEventType.fromCode(rs.getString("event_type")).orElseThrow(),
                rs.getString("appointment_number"),
                rs.getString("body"),
                DeliveryStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                rs.getInt("attempts"),
                lastStatusCode,
                rs.getString("last_error"),
                Timestamps.instant(rs, "next_attempt_at"),
                Timestamps.instant(rs, "occurred_at"),
                Timestamps.instant(rs, "created_at"));
    }
}
