package com.cureka.appointments.adapters.webhooks;

import com.cureka.appointments.application.memory.InMemoryWebhookDeliveries;
import com.cureka.appointments.application.memory.InMemoryWebhookSubscriptions;
import com.cureka.appointments.application.port.webhook.DeliveryObserver;
import com.cureka.appointments.application.port.webhook.DestinationGuard;
import com.cureka.appointments.application.port.webhook.WebhookEventType;
import com.cureka.appointments.application.webhook.DeliverWebhooks;
import com.cureka.appointments.application.webhook.FanOutAppointmentEvent;
import com.cureka.appointments.application.webhook.ManageWebhooks;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static com.cureka.appointments.testkit.webhook.AppointmentEvents.event;
import static com.cureka.appointments.testkit.webhook.AppointmentEvents.number;
import static org.assertj.core.api.Assertions.assertThat;

class WebhookWorkersTest {
    private final Clock clock = Clock.systemUTC();
    private final Receiver receiver = new Receiver();
    private final InMemoryWebhookSubscriptions subscriptions = new InMemoryWebhookSubscriptions();
    private final InMemoryWebhookDeliveries deliveries = new InMemoryWebhookDeliveries();
    private final OkHttpWebhookSender sender = new OkHttpWebhookSender(Dns.SYSTEM);
    private final WebhookWorkers workers = new WebhookWorkers(
            new DeliverWebhooks(subscriptions, deliveries, sender, DeliveryObserver.NONE, clock),
            2,
            Duration.ofSeconds(30));
    private final FanOutAppointmentEvent fanOut =
            new FanOutAppointmentEvent(subscriptions, deliveries, new JsonWebhookPayloads(), clock);

    @AfterEach
    void close() {
        workers.close();
        sender.close();
        receiver.close();
    }

    @Test
    void idle_workers_woken_after_an_enqueue_deliver_at_once_not_after_their_pause() throws Exception {
        new ManageWebhooks(subscriptions, DestinationGuard.ALLOW_ALL, clock)
                .create(new ManageWebhooks.Settings(receiver.url("/hooks").toString(), null, null, true));
        workers.start();
        Thread.sleep(200); // both workers found nothing and sleep for 30 s

        fanOut.accept(event(WebhookEventType.BOOKED, number(1), clock.instant()));
        workers.wake();

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (receiver.received().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void an_event_nobody_subscribed_to_queues_nothing_and_says_so() {
        assertThat(fanOut.queue(event(WebhookEventType.BOOKED, number(1), clock.instant())))
                .isZero();

        new ManageWebhooks(subscriptions, DestinationGuard.ALLOW_ALL, clock)
                .create(new ManageWebhooks.Settings(receiver.url("/hooks").toString(), null, null, true));

        assertThat(fanOut.queue(event(WebhookEventType.BOOKED, number(2), clock.instant())))
                .isEqualTo(1);
    }

    @Test
    void closing_stops_the_workers_promptly_even_while_they_sleep() {
        workers.start();

        long started = System.nanoTime();
        workers.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
}
