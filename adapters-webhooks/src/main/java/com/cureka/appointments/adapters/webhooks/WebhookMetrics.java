package com.cureka.appointments.adapters.webhooks;

import com.cureka.appointments.application.port.webhook.DeliveryObserver;
import com.cureka.appointments.application.port.webhook.WebhookDeliveries;
import com.cureka.appointments.application.port.webhook.WebhookSubscription;
import com.cureka.appointments.application.port.webhook.WebhookSubscriptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Delivery metrics (Prometheus names): {@code webhook_deliveries_total{outcome=succeeded|retried|failed}},
 * {@code webhook_delivery_latency_seconds}, {@code webhook_deliveries_due} (the backlog),
 * {@code webhook_subscribers_disabled} (now) and {@code webhook_subscriber_disablements_total} (ever); and the WARN when a subscriber
 * is disabled.
 */
public final class WebhookMetrics implements DeliveryObserver {
    private static final Logger log = LoggerFactory.getLogger(WebhookMetrics.class);

    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter disabled;

    public WebhookMetrics(
            MeterRegistry registry, WebhookDeliveries deliveries, WebhookSubscriptions subscriptions, Clock clock) {
        this.registry = registry;
        this.latency = Timer.builder("webhook.delivery.latency")
                .description("Time from sending a delivery to its answer")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        // Not "webhook.subscribers.disabled.total": Prometheus would name it as the gauge below, and refuse both.
        this.disabled = Counter.builder("webhook.subscriber.disablements")
                .description("Subscribers disabled after five days of failed deliveries")
                .register(registry);
        for (var outcome : new String[] {"succeeded", "retried", "failed"}) {
            counter(outcome);
        }
        // Read at each scrape: one count query each, on the database every instance shares.
        Gauge.builder("webhook.deliveries.due", () -> deliveries.due(clock.instant()))
                .description("Pending deliveries whose time has come")
                .register(registry);
        Gauge.builder("webhook.subscribers.disabled", subscriptions::countDisabled)
                .description("Subscribers that are disabled now")
                .register(registry);
    }

    @Override
    public void attempted(String outcome, Duration took) {
        counter(outcome).increment();
        latency.record(took);
    }

    @Override
    public void disabled(WebhookSubscription subscription, Instant failingSince) {
        disabled.increment();
        log.warn(
                "webhook subscriber {} ({}) disabled: every delivery failed since {}",
                subscription.id(),
                subscription.url().getHost(),
                failingSince);
    }

    private Counter counter(String outcome) {
        return Counter.builder("webhook.deliveries")
                .description("Delivery attempts by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }
}
