package com.cureka.appointments.adapters.webhooks;

import com.cureka.appointments.application.memory.InMemoryWebhookDeliveries;
import com.cureka.appointments.application.memory.InMemoryWebhookSubscriptions;
import com.cureka.appointments.application.port.webhook.WebhookEventType;
import com.cureka.appointments.application.port.webhook.WebhookSubscription;
import com.cureka.appointments.application.port.webhook.WebhookSubscriptions;
import com.cureka.appointments.application.webhook.FanOutAppointmentEvent;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static com.cureka.appointments.application.port.webhook.WebhookEventType.BOOKED;
import static com.cureka.appointments.application.port.webhook.WebhookEventType.CANCELLED;
import static com.cureka.appointments.testkit.webhook.AppointmentEvents.event;
import static com.cureka.appointments.testkit.webhook.AppointmentEvents.number;
import static org.assertj.core.api.Assertions.assertThat;

/** The outbox hands events over in batches; the subscribers of each event type are read once per batch. */
class FanOutInBatchesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

    private final InMemoryWebhookSubscriptions stored = new InMemoryWebhookSubscriptions();
    private final InMemoryWebhookDeliveries deliveries = new InMemoryWebhookDeliveries();
    private final AtomicInteger reads = new AtomicInteger();
    private final FanOutAppointmentEvent fanOut = new FanOutAppointmentEvent(
            countingReadsOf(stored), deliveries, new JsonWebhookPayloads(), Clock.fixed(NOW, ZoneOffset.UTC));

    /** The store, counting the calls of {@code enabledFor}. */
    private WebhookSubscriptions countingReadsOf(WebhookSubscriptions store) {
        return (WebhookSubscriptions) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {WebhookSubscriptions.class}, (proxy, method, args) -> {
                    if (method.getName().equals("enabledFor")) {
                        reads.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private WebhookSubscription subscribe(WebhookEventType... events) {
        var subscription = new WebhookSubscription(
                UUID.randomUUID(),
                URI.create("https://hooks.example.org/" + UUID.randomUUID()),
                EnumSet.of(events[0], events),
                "test",
                true,
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                null,
                null,
                NOW,
                null);
        stored.add(subscription);
        return subscription;
    }

    private int deliveriesTo(WebhookSubscription subscription) {
        return deliveries.page(subscription.id(), null, 100, null).size();
    }

    @Test
    void within_a_batch_the_subscribers_of_each_event_type_are_read_once() {
        var subscriber = subscribe(BOOKED, CANCELLED);

        fanOut.within(() -> {
            for (int i = 1; i <= 5; i++) {
                fanOut.queue(event(BOOKED, number(i), NOW));
                fanOut.queue(event(CANCELLED, number(i), NOW));
            }
        });

        assertThat(reads).hasValue(2);
        assertThat(deliveriesTo(subscriber)).isEqualTo(10);
    }

    @Test
    void outside_a_batch_every_event_reads_the_subscribers_afresh() {
        var first = subscribe(BOOKED);
        fanOut.queue(event(BOOKED, number(1), NOW));
        var second = subscribe(BOOKED);
        fanOut.queue(event(BOOKED, number(2), NOW));

        assertThat(reads).hasValue(2);
        assertThat(deliveriesTo(first)).isEqualTo(2);
        assertThat(deliveriesTo(second)).isEqualTo(1);
    }

    @Test
    void a_subscriber_added_during_a_batch_hears_of_the_events_of_the_next_one() {
        var first = subscribe(BOOKED);
        var late = new WebhookSubscription[1];

        fanOut.within(() -> {
            fanOut.queue(event(BOOKED, number(1), NOW));
            late[0] = subscribe(BOOKED);
            fanOut.queue(event(BOOKED, number(2), NOW));
        });
        fanOut.within(() -> fanOut.queue(event(BOOKED, number(3), NOW)));

        assertThat(deliveriesTo(first)).isEqualTo(3);
        assertThat(deliveriesTo(late[0])).isEqualTo(1);
    }

    @Test
    void a_batch_that_fails_leaves_nothing_read_behind_for_the_next() {
        subscribe(BOOKED);
        try {
            fanOut.within(() -> {
                fanOut.queue(event(BOOKED, number(1), NOW));
                throw new IllegalStateException("the batch broke off");
            });
        } catch (IllegalStateException expected) {
            // the dispatcher records the failure; what matters here is what the next batch reads
        }
        var added = subscribe(BOOKED);

        fanOut.within(() -> fanOut.queue(event(BOOKED, number(2), NOW)));

        assertThat(deliveriesTo(added)).isEqualTo(1);
        assertThat(reads).hasValue(2);
    }
}
