package com.cureka.appointments.application.port.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Output port: the subscribers of outbound webhooks, shared by every instance. */
public interface WebhookSubscriptions {
    void add(WebhookSubscription subscription);

    Optional<WebhookSubscription> byId(UUID id);

    /** Every subscriber, oldest first. */
    List<WebhookSubscription> all();

    /** Enabled subscribers of the event type, oldest first. */
    List<WebhookSubscription> enabledFor(WebhookEventType type);

    /** Replaces url, events, description and enabled (re-enabling clears {@code failingSince}); false when unknown. */
    boolean update(WebhookSubscription subscription);

    /** The current secret becomes the previous one, signing until {@code previousUntil}; false when unknown. */
    boolean rotateSecret(UUID id, String newSecret, Instant previousUntil);

    /** Removes the subscriber and its deliveries; false when unknown. */
    boolean delete(UUID id);

    /** Notes a failed attempt: keeps the earliest {@code failingSince}, and answers it (empty when unknown). */
    Optional<Instant> failedAt(UUID id, Instant at);

    /** Notes a success: the subscriber is healthy again. */
    void succeeded(UUID id);

    /** Disables a subscriber that kept failing; false when it was disabled or gone already. */
    boolean disable(UUID id);

    long countDisabled();
}
