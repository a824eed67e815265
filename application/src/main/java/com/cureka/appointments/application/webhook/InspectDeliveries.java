package com.cureka.appointments.application.webhook;

import com.cureka.appointments.application.port.webhook.DeliveryStatus;
import com.cureka.appointments.application.port.webhook.WebhookDeliveries;
import com.cureka.appointments.application.port.webhook.WebhookDelivery;
import com.cureka.appointments.application.port.webhook.WebhookSubscriptions;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Administrators look at a subscriber's deliveries and send one again. */
public final class InspectDeliveries {
    public static final int MAX_LIMIT = 100;

    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;
    private final Clock clock;

    public InspectDeliveries(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries, Clock clock) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Empty when the subscriber is unknown. {@code limit + 1} are read, so the caller knows whether more follow. */
    public Optional<List<WebhookDelivery>> page(UUID subscriptionId, DeliveryStatus status, int limit, UUID after) {
        if (subscriptions.byId(subscriptionId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(deliveries.page(subscriptionId, status, Math.min(limit, MAX_LIMIT) + 1, after));
    }

    public boolean redeliver(UUID subscriptionId, UUID deliveryId) {
        return deliveries.redeliver(subscriptionId, deliveryId, clock.instant());
    }
}
