package com.cureka.appointments.application.port.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * One event for one subscriber. {@code eventId} is the {@code webhook-id}; {@code body} was rendered once, so every
 * attempt sends the same bytes. {@code attempts} counts attempts started (a claim counts one).
 */
public record WebhookDelivery(
        UUID id,
        UUID subscriptionId,
        UUID eventId,
        WebhookEventType eventType,
        String appointmentNumber,
        String body,
        DeliveryStatus status,
        int attempts,
        Integer lastStatusCode,
        String lastError,
        Instant nextAttemptAt,
        Instant occurredAt,
        Instant createdAt) {}
