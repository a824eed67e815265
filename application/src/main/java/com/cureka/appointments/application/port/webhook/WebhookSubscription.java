package com.cureka.appointments.application.port.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A subscriber: where to send which events, and the secrets to sign with. After a rotation {@code previousSecret}
 * still signs until {@code previousSecretUntil}, beside {@code secret}. {@code failingSince} is the first failed
 * attempt with no success after it (null while deliveries succeed): five days of it disable the subscriber.
 */
public record WebhookSubscription(
        UUID id,
        URI url,
        Set<WebhookEventType> events,
        String description,
        boolean enabled,
        String secret,
        String previousSecret,
        Instant previousSecretUntil,
        Instant createdAt,
        Instant failingSince) {
    public WebhookSubscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        events = Set.copyOf(events);
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean wants(WebhookEventType type) {
        return enabled && events.contains(type);
    }

    /** The secrets that sign at {@code now}: the current one, and the previous one during its overlap. */
    public List<String> signingSecrets(Instant now) {
        if (previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil)) {
            return List.of(secret, previousSecret);
        }
        return List.of(secret);
    }

    public WebhookSubscription withSettings(
            URI url, Set<WebhookEventType> events, String description, boolean enabled) {
        return new WebhookSubscription(
                id,
                url,
                events,
                description,
                enabled,
                secret,
                previousSecret,
                previousSecretUntil,
                createdAt,
                enabled && !this.enabled ? null : failingSince);
    }
}
