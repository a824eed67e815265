package com.cureka.appointments.application.memory;

import com.cureka.appointments.application.port.outbox.Delivery;
import com.cureka.appointments.application.port.outbox.DeliveryQuery;
import com.cureka.appointments.application.port.outbox.DeliveryRecord;
import com.cureka.appointments.application.port.outbox.DeliveryRecord.Status;
import com.cureka.appointments.application.port.outbox.Handled;
import com.cureka.appointments.application.port.outbox.Outbox;
import com.cureka.appointments.application.port.outbox.OutboxEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Outbox} in memory, for one process. {@link InMemoryAppointments} writes to it under its own lock, so an
 * event is there exactly when its change is.
 */
public final class InMemoryOutbox implements Outbox {
    private final List<String> consumers;
    private final Map<Long, Row> rows = new LinkedHashMap<>();
    private long nextId = 1;

    public InMemoryOutbox() {
        this(DEFAULT_CONSUMERS);
    }

    public InMemoryOutbox(List<String> consumers) {
        this.consumers = List.copyOf(consumers);
    }

    private static final class Row {
        final long id;
        final String consumer;
        final OutboxEvent event;
        final Instant createdAt;
        Status status = Status.PENDING;
        Instant dueAt;
        int attempts;
        String lastError;
        String recipient;
        Instant finishedAt;

        Row(long id, String consumer, OutboxEvent event, Instant createdAt) {
            this.id = id;
            this.consumer = consumer;
            this.event = event;
            this.createdAt = createdAt;
            this.dueAt = createdAt;
        }

        DeliveryRecord record() {
            return new DeliveryRecord(
                    id,
                    consumer,
                    event.type(),
                    event.number(),
                    status,
                    recipient,
                    attempts,
                    lastError,
                    createdAt,
                    finishedAt);
        }
    }

    /** Records the event for every consumer, due at once. */
    public synchronized void add(OutboxEvent event) {
        for (var consumer : consumers) {
            long id = nextId++;
            rows.put(id, new Row(id, consumer, event, event.occurredAt()));
        }
    }

    @Override
    public synchronized List<Delivery> claim(Instant now, Duration lease, int limit) {
        var claimed = new ArrayList<Delivery>();
        for (var row : rows.values()) {
            if (claimed.size() == limit) {
                break;
            }
            if (row.status == Status.PENDING && !row.dueAt.isAfter(now)) {
                row.attempts++;
                row.dueAt = now.plus(lease);
                claimed.add(new Delivery(row.id, row.consumer, row.event, row.attempts));
            }
        }
        return claimed;
    }

    @Override
    public synchronized void done(long deliveryId, Handled handled, Instant at) {
        var row = pending(deliveryId);
        if (row == null) {
            return;
        }
        row.recipient = handled.recipient();
        row.finishedAt = at;
        if (handled instanceof Handled.Skipped skipped) {
            row.status = Status.SKIPPED;
            row.lastError = skipped.reason();
        } else {
            row.status = Status.SENT;
        }
    }

    @Override
    public synchronized void retry(long deliveryId, String error, Instant retryAt) {
        var row = pending(deliveryId);
        if (row != null) {
            row.lastError = error;
            row.dueAt = retryAt;
        }
    }

    @Override
    public synchronized void fail(long deliveryId, String error, Instant at) {
        var row = pending(deliveryId);
        if (row != null) {
            row.status = Status.FAILED;
            row.lastError = error;
            row.finishedAt = at;
        }
    }

    private Row pending(long id) {
        var row = rows.get(id);
        return row != null && row.status == Status.PENDING ? row : null;
    }

    @Override
    public synchronized int purgeFinishedBefore(Instant instant) {
        int before = rows.size();
        rows.values().removeIf(r -> r.finishedAt != null && r.finishedAt.isBefore(instant));
        return before - rows.size();
    }

    @Override
    public synchronized List<DeliveryRecord> list(DeliveryQuery q) {
        return rows.values().stream()
                .filter(r -> q.consumer() == null || r.consumer.equals(q.consumer()))
                .filter(r -> q.number() == null || r.event.number().equals(q.number()))
                .filter(r -> q.status() == null || r.status == q.status())
                .filter(r -> q.beforeId() == null || r.id < q.beforeId())
                .sorted(Comparator.comparingLong((Row r) -> r.id).reversed())
                .limit(q.limit())
                .map(Row::record)
                .toList();
    }

    @Override
    public synchronized Depth depth(Instant now) {
        var due = rows.values().stream()
                .filter(r -> r.status == Status.PENDING && !r.dueAt.isAfter(now))
                .toList();
        return new Depth(
                due.size(),
                due.stream()
                        .map(r -> r.createdAt)
                        .min(Comparator.naturalOrder())
                        .orElse(null));
    }
}
