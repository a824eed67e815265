package com.cureka.appointments.application.port.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Output port: the deliveries of outbound webhooks, one per (event, subscriber), shared by every instance.
 *
 * <p>Order: of the pending deliveries of one appointment to one subscriber, only the earliest (by the event's
 * {@code occurredAt}, then by enqueue order) is ever due; the next waits until it succeeds or fails for good.
 */
public interface WebhookDeliveries {
    /** One pending delivery per subscriber, due at {@code now}; a pair (event, subscriber) already there is skipped. */
    int enqueue(AppointmentEvent event, String body, List<UUID> subscriptionIds, Instant now);

    /**
     * Takes up to {@code limit} due deliveries for this caller alone for {@code lease} (another instance's claim skips
     * them; a caller that dies lets the lease run out), counting the attempt. Only the head of each (appointment,
     * subscriber) queue is due.
     */
    List<WebhookDelivery> claimDue(Instant now, Duration lease, int limit);

    void succeeded(UUID deliveryId, int statusCode, Instant at);

    /** The attempt failed; try again at {@code nextAttemptAt}. {@code statusCode} is null when none came back. */
    void retryAt(UUID deliveryId, Integer statusCode, String error, Instant nextAttemptAt);

    /** The last attempt failed: the delivery is failed for good and the next one of its queue becomes due. */
    void failed(UUID deliveryId, Integer statusCode, String error, Instant at);

    /** A subscriber's deliveries, newest first, after the cursor (a delivery id of the page before) when given. */
    List<WebhookDelivery> page(UUID subscriptionId, DeliveryStatus status, int limit, UUID after);

    Optional<WebhookDelivery> byId(UUID subscriptionId, UUID deliveryId);

    /** Makes a delivery pending and due at {@code now} again, with a fresh attempt count; false when unknown. */
    boolean redeliver(UUID subscriptionId, UUID deliveryId, Instant now);

    /** Pending deliveries due at {@code now} (claimed or not): the backlog. */
    long due(Instant now);
}
