package com.cureka.appointments.application.webhook;

import com.cureka.appointments.application.port.webhook.AppointmentEvent;
import com.cureka.appointments.application.port.webhook.AppointmentEventSink;
import com.cureka.appointments.application.port.webhook.WebhookDeliveries;
import com.cureka.appointments.application.port.webhook.WebhookPayloads;
import com.cureka.appointments.application.port.webhook.WebhookSubscription;
import com.cureka.appointments.application.port.webhook.WebhookSubscriptions;

import java.time.Clock;
import java.util.Objects;

/**
 * The webhooks' consumer of the outbox: one pending delivery per enabled subscriber of the event's type. Handing
 * the same event twice adds nothing (the store skips a pair it has), so the outbox may retry freely.
 */
public final class FanOutAppointmentEvent implements AppointmentEventSink {
    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;
    private final WebhookPayloads payloads;
    private final Clock clock;

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
        var subscribers = subscriptions.enabledFor(event.type()).stream()
                .map(WebhookSubscription::id)
                .toList();
        if (subscribers.isEmpty()) {
            return 0;
        }
        deliveries.enqueue(event, payloads.render(event), subscribers, clock.instant());
        return subscribers.size();
    }
}
