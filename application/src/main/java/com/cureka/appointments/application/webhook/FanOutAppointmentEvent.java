package com.cureka.appointments.application.webhook;

import com.cureka.appointments.application.port.webhook.AppointmentEvent;
import com.cureka.appointments.application.port.webhook.AppointmentEventSink;
import com.cureka.appointments.application.port.webhook.WebhookDeliveries;
import com.cureka.appointments.application.port.webhook.WebhookEventType;
import com.cureka.appointments.application.port.webhook.WebhookPayloads;
import com.cureka.appointments.application.port.webhook.WebhookSubscription;
import com.cureka.appointments.application.port.webhook.WebhookSubscriptions;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The webhooks' consumer of the outbox: one pending delivery per enabled subscriber of the event's type. Handing
 * the same event twice adds nothing (the store skips a pair it has), so the outbox may retry freely.
 *
 * <p>Inside {@link #within} (the outbox dispatcher runs each claimed batch in it, on its own thread) the subscribers
 * of each event type are read once for the batch: a subscriber added or disabled meanwhile counts from the next
 * batch, a few milliseconds later. Outside, every event reads them afresh.
 */
public final class FanOutAppointmentEvent implements AppointmentEventSink {
    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;
    private final WebhookPayloads payloads;
    private final Clock clock;
    private final ThreadLocal<Map<WebhookEventType, List<UUID>>> batch = new ThreadLocal<>();

    public FanOutAppointmentEvent(
            WebhookSubscriptions subscriptions, WebhookDeliveries deliveries, WebhookPayloads payloads, Clock clock) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.payloads = Objects.requireNonNull(payloads, "payloads");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void accept(AppointmentEvent event) {
        queue(event);
    }

    /**
     * Queues the event's deliveries; says for how many subscribers, so that the caller wakes the delivery workers
     * only when there is something to deliver (every wake costs each worker a claim query).
     */
    public int queue(AppointmentEvent event) {
        var subscribers = subscribersOf(event.type());
        if (subscribers.isEmpty()) {
            return 0;
        }
        deliveries.enqueue(event, payloads.render(event), subscribers, clock.instant());
        return subscribers.size();
    }

    /** Runs one batch of events, the subscribers of each type read at most once in it. */
    public void within(Runnable batchOfEvents) {
        batch.set(new EnumMap<>(WebhookEventType.class));
        try {
            batchOfEvents.run();
        } finally {
            batch.remove();
        }
    }

    private List<UUID> subscribersOf(WebhookEventType type) {
        var read = batch.get();
        return read == null ? enabledFor(type) : read.computeIfAbsent(type, this::enabledFor);
    }

    private List<UUID> enabledFor(WebhookEventType type) {
        return subscriptions.enabledFor(type).stream()
                .map(WebhookSubscription::id)
                .toList();
    }
}
