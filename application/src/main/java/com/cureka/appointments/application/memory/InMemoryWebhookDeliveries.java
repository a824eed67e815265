package com.cureka.appointments.application.memory;

import com.cureka.appointments.application.port.webhook.AppointmentEvent;
import com.cureka.appointments.application.port.webhook.DeliveryStatus;
import com.cureka.appointments.application.port.webhook.WebhookDeliveries;
import com.cureka.appointments.application.port.webhook.WebhookDelivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link WebhookDeliveries} in memory, for a single instance: the same order and claim rules as the database. */
public final class InMemoryWebhookDeliveries implements WebhookDeliveries {
    private record Row(WebhookDelivery delivery, long sequence, Instant leasedUntil) {}

    private final Map<UUID, Row> rows = new LinkedHashMap<>();
    private long sequence;

    @Override
    public synchronized int enqueue(AppointmentEvent event, String body, List<UUID> subscriptionIds, Instant now) {
        int added = 0;
        for (var subscriptionId : subscriptionIds) {
            boolean known = rows.values().stream()
                    .anyMatch(r -> r.delivery.eventId().equals(event.eventId())
                            && r.delivery.subscriptionId().equals(subscriptionId));
            if (known) {
                continue;
            }
            var delivery = new WebhookDelivery(
                    UUID.randomUUID(),
                    subscriptionId,
                    event.eventId(),
                    event.type(),
                    event.number().format(),
                    body,
                    DeliveryStatus.PENDING,
                    0,
                    null,
                    null,
                    now,
                    event.occurredAt(),
                    now);
            rows.put(delivery.id(), new Row(delivery, ++sequence, null));
            added++;
        }
        return added;
    }

    @Override
    public synchronized List<WebhookDelivery> claimDue(Instant now, Duration lease, int limit) {
        var heads = new HashMap<String, Row>();
        rows.values().stream()
                .filter(r -> r.delivery.status() == DeliveryStatus.PENDING)
                .forEach(r -> heads.merge(queue(r), r, (a, b) -> order().compare(a, b) <= 0 ? a : b));
        var claimed = new ArrayList<WebhookDelivery>();
        heads.values().stream()
                .filter(r -> !r.delivery.nextAttemptAt().isAfter(now))
                .filter(r -> r.leasedUntil == null || r.leasedUntil.isBefore(now))
                .sorted(Comparator.comparing((Row r) -> r.delivery.nextAttemptAt())
                        .thenComparing(order()))
                .limit(limit)
                .forEach(r -> {
                    var d = r.delivery;
                    var taken = copy(
                            d,
                            DeliveryStatus.PENDING,
                            d.attempts() + 1,
                            d.lastStatusCode(),
                            d.lastError(),
                            d.nextAttemptAt());
                    rows.put(d.id(), new Row(taken, r.sequence, now.plus(lease)));
                    claimed.add(taken);
                });
        return claimed;
    }

    @Override
    public synchronized void succeeded(UUID deliveryId, int statusCode, Instant at) {
        settle(deliveryId, DeliveryStatus.SUCCEEDED, statusCode, null, null);
    }

    @Override
    public synchronized void retryAt(UUID deliveryId, Integer statusCode, String error, Instant nextAttemptAt) {
        settle(deliveryId, DeliveryStatus.PENDING, statusCode, error, nextAttemptAt);
    }

    @Override
    public synchronized void failed(UUID deliveryId, Integer statusCode, String error, Instant at) {
        settle(deliveryId, DeliveryStatus.FAILED, statusCode, error, null);
    }

    @Override
    public synchronized List<WebhookDelivery> page(UUID subscriptionId, DeliveryStatus status, int limit, UUID after) {
        var newestFirst = rows.values().stream()
                .filter(r -> r.delivery.subscriptionId().equals(subscriptionId))
                .sorted(Comparator.comparingLong(Row::sequence).reversed())
                .toList();
        long below = after == null || !rows.containsKey(after) ? Long.MAX_VALUE : rows.get(after).sequence;
        return newestFirst.stream()
                .filter(r -> r.sequence < below)
                .filter(r -> status == null || r.delivery.status() == status)
                .limit(limit)
                .map(Row::delivery)
                .toList();
    }

    @Override
    public synchronized Optional<WebhookDelivery> byId(UUID subscriptionId, UUID deliveryId) {
        return Optional.ofNullable(rows.get(deliveryId))
                .map(Row::delivery)
                .filter(d -> d.subscriptionId().equals(subscriptionId));
    }

    @Override
    public synchronized boolean redeliver(UUID subscriptionId, UUID deliveryId, Instant now) {
        var found = byId(subscriptionId, deliveryId);
        if (found.isEmpty()) {
            return false;
        }
        var d = found.get();
        rows.put(
                d.id(),
                new Row(
                        copy(d, DeliveryStatus.PENDING, 0, d.lastStatusCode(), d.lastError(), now),
                        rows.get(d.id()).sequence,
                        null));
        return true;
    }

    @Override
    public synchronized long due(Instant now) {
        return rows.values().stream()
                .filter(r -> r.delivery.status() == DeliveryStatus.PENDING
                        && !r.delivery.nextAttemptAt().isAfter(now))
                .count();
    }

    synchronized void forgetSubscriber(UUID subscriptionId) {
        rows.values().removeIf(r -> r.delivery.subscriptionId().equals(subscriptionId));
    }

    private void settle(UUID id, DeliveryStatus status, Integer statusCode, String error, Instant next) {
        var row = rows.get(id);
        if (row == null) {
            return;
        }
        var d = row.delivery;
        rows.put(id, new Row(copy(d, status, d.attempts(), statusCode, error, next), row.sequence, null));
    }

    private static String queue(Row r) {
        return r.delivery.subscriptionId() + "/" + r.delivery.appointmentNumber();
    }

    private static Comparator<Row> order() {
        return Comparator.comparing((Row r) -> r.delivery.occurredAt()).thenComparingLong(Row::sequence);
    }

    private static WebhookDelivery copy(
            WebhookDelivery d, DeliveryStatus status, int attempts, Integer code, String error, Instant next) {
        return new WebhookDelivery(
                d.id(),
                d.subscriptionId(),
                d.eventId(),
                d.eventType(),
                d.appointmentNumber(),
                d.body(),
                status,
                attempts,
                code,
                error,
                Objects.requireNonNullElse(next, d.nextAttemptAt()),
                d.occurredAt(),
                d.createdAt());
    }
}
