package com.cureka.appointments.application.memory;

import com.cureka.appointments.application.port.webhook.WebhookEventType;
import com.cureka.appointments.application.port.webhook.WebhookSubscription;
import com.cureka.appointments.application.port.webhook.WebhookSubscriptions;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link WebhookSubscriptions} in memory, for a single instance. */
public final class InMemoryWebhookSubscriptions implements WebhookSubscriptions {
    private final Map<UUID, WebhookSubscription> byId = new LinkedHashMap<>();
    private InMemoryWebhookDeliveries deliveries;

    /** Deleting a subscriber deletes its deliveries too, as the database's foreign key does. */
    public synchronized void cascadeTo(InMemoryWebhookDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public synchronized void add(WebhookSubscription subscription) {
        byId.putIfAbsent(subscription.id(), subscription);
    }

    @Override
    public synchronized Optional<WebhookSubscription> byId(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<WebhookSubscription> all() {
        return byId.values().stream()
                .sorted(Comparator.comparing(WebhookSubscription::createdAt))
                .toList();
    }

    @Override
    public synchronized List<WebhookSubscription> enabledFor(WebhookEventType type) {
        return all().stream().filter(s -> s.wants(type)).toList();
    }

    @Override
    public synchronized boolean update(WebhookSubscription subscription) {
        var old = byId.get(subscription.id());
        if (old == null) {
            return false;
        }
        byId.put(
                old.id(),
                old.withSettings(
                        subscription.url(), subscription.events(), subscription.description(), subscription.enabled()));
        return true;
    }

    @Override
    public synchronized boolean rotateSecret(UUID id, String newSecret, Instant previousUntil) {
        var s = byId.get(id);
        if (s == null) {
            return false;
        }
        byId.put(
                id,
                new WebhookSubscription(
                        id,
                        s.url(),
                        s.events(),
                        s.description(),
                        s.enabled(),
                        newSecret,
                        s.secret(),
                        previousUntil,
                        s.createdAt(),
                        s.failingSince()));
        return true;
    }

    @Override
    public synchronized boolean delete(UUID id) {
        boolean removed = byId.remove(id) != null;
        if (removed && deliveries != null) {
            deliveries.forgetSubscriber(id);
        }
        return removed;
    }

    @Override
    public synchronized Optional<Instant> failedAt(UUID id, Instant at) {
        var s = byId.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (s.failingSince() == null) {
            s = with(s, s.enabled(), at);
            byId.put(id, s);
        }
        return Optional.of(s.failingSince());
    }

    @Override
    public synchronized void succeeded(UUID id) {
        var s = byId.get(id);
        if (s != null && s.failingSince() != null) {
            byId.put(id, with(s, s.enabled(), null));
        }
    }

    @Override
    public synchronized boolean disable(UUID id) {
        var s = byId.get(id);
        if (s == null || !s.enabled()) {
            return false;
        }
        byId.put(id, with(s, false, s.failingSince()));
        return true;
    }

    @Override
    public synchronized long countDisabled() {
        return byId.values().stream().filter(s -> !s.enabled()).count();
    }

    private static WebhookSubscription with(WebhookSubscription s, boolean enabled, Instant failingSince) {
        return new WebhookSubscription(
                s.id(),
                s.url(),
                s.events(),
                s.description(),
                enabled,
                s.secret(),
                s.previousSecret(),
                s.previousSecretUntil(),
                s.createdAt(),
                failingSince);
    }
}
