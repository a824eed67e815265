package com.cureka.appointments.adapters.http.subscriber;

import com.cureka.appointments.application.port.webhook.DeliveryStatus;
import com.cureka.appointments.application.port.webhook.WebhookDelivery;
import com.cureka.appointments.application.port.webhook.WebhookEventType;
import com.cureka.appointments.application.port.webhook.WebhookSubscription;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** Subscribers and deliveries on the wire (API.md, "Outbound webhooks"); times in UTC, ISO-8601. */
final class WebhookViews {
    private WebhookViews() {}

    /** {@code secret} only on create and rotate: it is shown nowhere else. */
    record Subscriber(
            String webhookId,
            String url,
            List<String> events,
            String description,
            boolean enabled,
            @JsonInclude(JsonInclude.Include.NON_NULL) String secret,
            String createdAt) {}

    record Delivery(
            String deliveryId,
            String eventId,
            String eventType,
            String status,
            int attempts,
            Integer lastStatusCode,
            String lastError,
            String nextAttemptAt,
            String createdAt) {}

    record Page<T>(List<T> items, String nextCursor) {}

    static Subscriber of(WebhookSubscription s, boolean withSecret) {
        return new Subscriber(
                s.id().toString(),
                s.url().toString(),
                s.events().stream().sorted().map(WebhookEventType::code).toList(),
                s.description(),
                s.enabled(),
                withSecret ? s.secret() : null,
                s.createdAt().toString());
    }

    static Delivery of(WebhookDelivery d) {
        return new Delivery(
                d.id().toString(),
                d.eventId().toString(),
                d.eventType().code(),
                d.status().code(),
                d.attempts(),
                d.lastStatusCode(),
                d.lastError(),
                d.status() == DeliveryStatus.PENDING ? d.nextAttemptAt().toString() : null,
                d.createdAt().toString());
    }
}
