package com.cureka.appointments.application.webhook;

import com.cureka.appointments.application.port.webhook.DeliveryObserver;
import com.cureka.appointments.application.port.webhook.WebhookDeliveries;
import com.cureka.appointments.application.port.webhook.WebhookDelivery;
import com.cureka.appointments.application.port.webhook.WebhookSender;
import com.cureka.appointments.application.port.webhook.WebhookSubscriptions;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * One pass of a delivery worker: claims due deliveries, sends each, and records the outcome by the
 * {@link RetrySchedule}. Runs on every instance; the claim keeps two instances off the same delivery.
 */
public final class DeliverWebhooks {
    /** A subscriber that failed every attempt for this long is disabled. */
    public static final Duration DISABLE_AFTER = Duration.ofDays(5);

    /** The longest one attempt can take: the sender's overall timeout. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(15);

    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;
    private final WebhookSender sender;
    private final DeliveryObserver observer;
    private final Clock clock;

    public DeliverWebhooks(
            WebhookSubscriptions subscriptions,
            WebhookDeliveries deliveries,
            WebhookSender sender,
            DeliveryObserver observer,
            Clock clock) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How many deliveries this pass attempted. */
    public int runOnce(int limit) {
        // The lease outlives every attempt of the batch, so a claim ends early only when this instance died.
        var lease = ATTEMPT_TIMEOUT.multipliedBy(limit).plusSeconds(30);
        var claimed = deliveries.claimDue(clock.instant(), lease, limit);
        claimed.forEach(this::attempt);
        return claimed.size();
    }

    private void attempt(WebhookDelivery delivery) {
        var subscription = subscriptions.byId(delivery.subscriptionId()).orElse(null);
        var now = clock.instant();
        if (subscription == null || !subscription.enabled()) {
            // Disabled after the delivery was queued: it fails for good, and the next of its queue will too.
            deliveries.failed(delivery.id(), null, "subscriber disabled", now);
            observer.attempted("failed", Duration.ZERO);
            return;
        }
        var attempt = sender.send(delivery, subscription.url(), subscription.signingSecrets(now), now);
        var done = clock.instant();
        if (attempt.succeeded()) {
            deliveries.succeeded(delivery.id(), attempt.statusCode(), done);
            subscriptions.succeeded(subscription.id());
            observer.attempted("succeeded", attempt.latency());
            return;
        }
        var retry = RetrySchedule.after(delivery.attempts());
        if (retry.isPresent()) {
            deliveries.retryAt(delivery.id(), attempt.statusCode(), attempt.error(), done.plus(retry.get()));
            observer.attempted("retried", attempt.latency());
        } else {
            deliveries.failed(delivery.id(), attempt.statusCode(), attempt.error(), done);
            observer.attempted("failed", attempt.latency());
        }
        var failingSince = subscriptions.failedAt(subscription.id(), done);
        if (failingSince.isPresent()
                && !failingSince.get().plus(DISABLE_AFTER).isAfter(done)
                && subscriptions.disable(subscription.id())) {
            observer.disabled(subscription, failingSince.get());
        }
    }
}
