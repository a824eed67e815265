package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.outbox.Delivery;
import com.cureka.appointments.application.port.outbox.DeliveryQuery;
import com.cureka.appointments.application.port.outbox.DeliveryRecord;
import com.cureka.appointments.application.port.outbox.Handled;
import com.cureka.appointments.application.port.outbox.Outbox;
import com.cureka.appointments.application.port.outbox.OutboxEvent;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static com.cureka.appointments.adapters.postgres.Timestamps.instant;
import static com.cureka.appointments.adapters.postgres.Timestamps.utc;

/**
 * {@link Outbox} in the {@code outbox} table (V8). A claim is one statement: it picks due rows with
 * {@code FOR UPDATE SKIP LOCKED} (instances claiming at once take different rows, none waits) and moves their
 * {@code due_at} one lease ahead in the same statement, so that the claim holds after it commits, without a
 * transaction open while the consumer works.
 */
public final class PostgresOutbox implements Outbox {
    private static final int PURGE_BATCH = 1000;

    /** Due rows oldest first, read in {@code outbox_due}'s order so that the LIMIT ends the scan ({@link QueueClaim}). */
    static final String CLAIM = """
            UPDATE outbox
               SET attempts = attempts + 1, due_at = :leaseUntil
             WHERE id IN (SELECT id FROM outbox
                           WHERE status = 'PENDING' AND due_at <= :now
                           ORDER BY due_at, id
                           LIMIT :limit
                           FOR UPDATE SKIP LOCKED)
            RETURNING id, consumer, event_id, event_type, number, occurred_at, payload::text AS payload, attempts
            """;

    private final Jdbi jdbi;
    private final BatchedPurge purge;

    public PostgresOutbox(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.purge = new BatchedPurge(jdbi, "outbox", "finished_at < :before", PURGE_BATCH);
    }

    @Override
    public List<Delivery> claim(Instant now, Duration lease, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbi
                .inTransaction(h -> QueueClaim.query(h, CLAIM)
                        .bind("now", utc(now))
                        .bind("leaseUntil", utc(now.plus(lease)))
                        .bind("limit", limit)
                        .map(PostgresOutbox::delivery)
                        .list())
                .stream()
                .sorted(Comparator.comparingLong(Delivery::id))
                .toList();
    }

    private static Delivery delivery(ResultSet rs, StatementContext ctx) throws SQLException {
        var event = new OutboxEvent(
                rs.getObject("event_id", UUID.class),
                rs.getString("event_type"),
                AppointmentRows.number(rs),
                instant(rs, "occurred_at"),
                OutboxRows.payload(rs.getString("payload")));
        return new Delivery(rs.getLong("id"), rs.getString("consumer"), event, rs.getInt("attempts"));
    }

    @Override
    public void done(long deliveryId, Handled handled, Instant at) {
        finish(deliveryId, status(handled), handled.recipient(), reason(handled), at);
    }

    /** One statement for the whole list; as {@link #finish}, a row already finished keeps what it recorded first. */
    @Override
    public void doneAll(List<Finished> finished, Instant at) {
        if (finished.isEmpty()) {
            return;
        }
        var ids = finished.stream().map(Finished::deliveryId).toList();
        var statuses = finished.stream().map(f -> status(f.handled())).toList();
        var recipients = finished.stream().map(f -> f.handled().recipient()).toList();
        var errors = finished.stream().map(f -> reason(f.handled())).toList();
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE outbox o
                           SET status = f.status, recipient = coalesce(f.recipient, o.recipient),
                               last_error = coalesce(f.error, o.last_error), finished_at = :at
                          FROM unnest(:ids, :statuses, :recipients, :errors) AS f(id, status, recipient, error)
                         WHERE o.id = f.id AND o.status = 'PENDING'
                        """)
                .bindArray("ids", Long.class, ids)
                .bindArray("statuses", String.class, statuses)
                .bindArray("recipients", String.class, recipients)
                .bindArray("errors", String.class, errors)
                .bind("at", utc(at))
                .execute());
    }

    private static String status(Handled handled) {
        return handled instanceof Handled.Skipped ? "SKIPPED" : "SENT";
    }

    private static String reason(Handled handled) {
        return handled instanceof Handled.Skipped skipped ? skipped.reason() : null;
    }

    @Override
    public void fail(long deliveryId, String error, Instant at) {
        finish(deliveryId, "FAILED", null, error, at);
    }

    /** Only a PENDING row is finished: a finished one stays as it was recorded first. */
    private void finish(long id, String status, String recipient, String error, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE outbox
                           SET status = :status, recipient = coalesce(:recipient, recipient),
                               last_error = coalesce(:error, last_error), finished_at = :at
                         WHERE id = :id AND status = 'PENDING'
                        """)
                .bind("id", id)
                .bind("status", status)
                .bind("recipient", recipient)
                .bind("error", error)
                .bind("at", utc(at))
                .execute());
    }

    @Override
    public void retry(long deliveryId, String error, Instant retryAt) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE outbox SET last_error = :error, due_at = :retryAt WHERE id = :id AND status = 'PENDING'
                        """)
                .bind("id", deliveryId)
                .bind("error", error)
                .bind("retryAt", utc(retryAt))
                .execute());
    }

    @Override
    public int purgeFinishedBefore(Instant instant) {
        return purge.purge(Map.of("before", utc(instant)));
    }

    @Override
    public List<DeliveryRecord> list(DeliveryQuery q) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, consumer, event_type, number, status, recipient, attempts, last_error, created_at,
                               finished_at
                          FROM outbox
                         WHERE (CAST(:consumer AS text) IS NULL OR consumer = :consumer)
                           AND (CAST(:number AS text) IS NULL OR number = :number)
                           AND (CAST(:status AS text) IS NULL OR status = :status)
                           AND (CAST(:beforeId AS bigint) IS NULL OR id < :beforeId)
                         ORDER BY id DESC
                         LIMIT :limit
                        """)
                .bind("consumer", q.consumer())
                .bind("number", q.number() == null ? null : q.number().format())
                .bind("status", q.status() == null ? null : q.status().name())
                .bind("beforeId", q.beforeId())
                .bind("limit", q.limit())
                .map((rs, ctx) -> new DeliveryRecord(
                        rs.getLong("id"),
                        rs.getString("consumer"),
                        rs.getString("event_type"),
                        AppointmentRows.number(rs),
                        DeliveryRecord.Status.valueOf(rs.getString("status")),
                        rs.getString("recipient"),
                        rs.getInt("attempts"),
                        rs.getString("last_error"),
                        instant(rs, "created_at"),
                        nullableInstant(rs, "finished_at")))
                .list());
    }

    @Override
    public Depth depth(Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) AS due, min(created_at) AS oldest
                          FROM outbox WHERE status = 'PENDING' AND due_at <= :now
                        """)
                .bind("now", utc(now))
                .map((rs, ctx) -> new Depth(rs.getLong("due"), nullableInstant(rs, "oldest")))
                .one());
    }

    private static Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
