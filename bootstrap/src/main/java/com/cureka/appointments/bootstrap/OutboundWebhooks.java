package com.cureka.appointments.bootstrap;

import com.cureka.appointments.adapters.webhooks.JsonWebhookPayloads;
import com.cureka.appointments.adapters.webhooks.OkHttpWebhookSender;
import com.cureka.appointments.adapters.webhooks.PublicAddressGuard;
import com.cureka.appointments.adapters.webhooks.WebhookMetrics;
import com.cureka.appointments.adapters.webhooks.WebhookWorkers;
import com.cureka.appointments.application.port.webhook.AppointmentEventSink;
import com.cureka.appointments.application.port.webhook.DestinationGuard;
import com.cureka.appointments.application.webhook.DeliverWebhooks;
import com.cureka.appointments.application.webhook.FanOutAppointmentEvent;
import com.cureka.appointments.application.webhook.InspectDeliveries;
import com.cureka.appointments.application.webhook.ManageWebhooks;
import io.micrometer.core.instrument.MeterRegistry;
import okhttp3.Dns;

import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Wiring step "webhooks": the admin use cases, the outbox's consumer ({@link #sink}) and the delivery workers of this
 * instance, started here and stopped before the database closes.
 *
 * @param sink what the transactional outbox hands each committed appointment event to (docs/webhooks.md)
 * @param eachOutboxBatch runs one batch of the outbox's hand-over, the subscribers of each event type read once in it
 */
record OutboundWebhooks(
        ManageWebhooks manage,
        InspectDeliveries inspect,
        AppointmentEventSink sink,
        Consumer<Runnable> eachOutboxBatch) {
    /** How long an idle worker waits before it looks for due deliveries again. */
    private static final Duration IDLE = Duration.ofMillis(500);

    static OutboundWebhooks start(
            Settings settings, Clock clock, Storage storage, MeterRegistry registry, Deque<AutoCloseable> resources) {
        var subscriptions = storage.webhookSubscriptions();
        var deliveries = storage.webhookDeliveries();
        // Embedded mode is a developer's machine, where a receiver on localhost is the point.
        boolean guarded =
                !settings.database().embedded() && !settings.webhooks().allowPrivateUrls();
        var guard = guarded ? new PublicAddressGuard() : null;
        var sender = new OkHttpWebhookSender(guarded ? guard : Dns.SYSTEM);
        resources.push(sender);
        var deliver = new DeliverWebhooks(
                subscriptions,
                deliveries,
                sender,
                new WebhookMetrics(registry, deliveries, subscriptions, clock),
                clock);
        var workers = new WebhookWorkers(deliver, settings.webhooks().workers(), IDLE);
        workers.start();
        resources.push(workers);
        var fanOut = new FanOutAppointmentEvent(subscriptions, deliveries, new JsonWebhookPayloads(), clock);
        AppointmentEventSink sink = event -> {
            if (fanOut.queue(event) > 0) {
                workers.wake(); // the deliveries just queued go out now, not after the next idle pause
            }
        };
        return new OutboundWebhooks(
                new ManageWebhooks(subscriptions, guarded ? guard : DestinationGuard.ALLOW_ALL, clock),
                new InspectDeliveries(subscriptions, deliveries, clock),
                sink,
                fanOut::within);
    }
}
