package com.cureka.appointments.adapters.webhooks;

import com.cureka.appointments.adapters.webhooks.Receiver.Answer;
import com.cureka.appointments.application.memory.InMemoryWebhookDeliveries;
import com.cureka.appointments.application.memory.InMemoryWebhookSubscriptions;
import com.cureka.appointments.application.port.webhook.DeliveryObserver;
import com.cureka.appointments.application.port.webhook.DestinationGuard;
import com.cureka.appointments.application.port.webhook.WebhookEventType;
import com.cureka.appointments.application.webhook.DeliverWebhooks;
import com.cureka.appointments.application.webhook.FanOutAppointmentEvent;
import com.cureka.appointments.application.webhook.ManageWebhooks;
import com.cureka.appointments.testkit.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static com.cureka.appointments.testkit.webhook.AppointmentEvents.event;
import static com.cureka.appointments.testkit.webhook.AppointmentEvents.number;
import static org.assertj.core.api.Assertions.assertThat;

/** Outside embedded mode a subscriber URL must resolve to public addresses only, at creation and at each delivery. */
class SsrfGuardTest {
    private final PublicAddressGuard guard = new PublicAddressGuard();
    private final Receiver receiver = new Receiver();

    @AfterEach
    void close() {
        receiver.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1/",
                "http://localhost:8080/hook",
                "http://[::1]/",
                "http://0.0.0.0/",
                "http://10.0.0.5/",
                "http://172.16.3.4/",
                "http://192.168.1.1/",
                "http://169.254.169.254/latest/meta-data/",
                "http://100.100.100.200/", // Alibaba Cloud metadata, in carrier-grade NAT space
                "http://[fd00:ec2::254]/", // AWS metadata over IPv6
                "http://[fe80::1]/",
                "http://[::ffff:127.0.0.1]/",
                "http://224.0.0.1/",
                "http://255.255.255.255/"
            })
    void a_url_that_resolves_to_a_non_public_address_is_refused(String url) {
        assertThat(guard.refusal(URI.create(url))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.215.14/hooks", "http://[2606:4700::6810:84e5]/", "https://8.8.8.8/"})
    void a_url_with_a_public_address_is_allowed(String url) {
        assertThat(guard.refusal(URI.create(url))).isEmpty();
    }

    @Test
    void creating_a_webhook_to_the_metadata_address_is_refused_with_why() {
        var manage = new ManageWebhooks(new InMemoryWebhookSubscriptions(), guard, Clock.systemUTC());

        var result = manage.create(new ManageWebhooks.Settings("http://169.254.169.254/", null, null, true));

        assertThat(result)
                .isInstanceOfSatisfying(
                        ManageWebhooks.Result.Refused.class,
                        refused -> assertThat(refused.invalid().reason()).contains("WEBHOOK_ALLOW_PRIVATE_URLS"));
    }

    @Test
    void a_name_that_resolved_to_a_public_address_at_creation_and_to_loopback_at_delivery_is_refused_at_delivery()
            throws UnknownHostException {
        var answer = new AtomicReference<>(InetAddress.getByName("93.184.215.14"));
        var rebinding = new PublicAddressGuard(host -> new InetAddress[] {answer.get()});
        var clock = new MutableClock(Instant.now());
        var subscriptions = new InMemoryWebhookSubscriptions();
        var deliveries = new InMemoryWebhookDeliveries();
        var manage = new ManageWebhooks(subscriptions, rebinding, clock);
        var url = "http://hooks.integrator.example:" + receiver.url("/").getPort() + "/hook";
        var created = manage.create(new ManageWebhooks.Settings(url, null, null, true));
        assertThat(created).isInstanceOf(ManageWebhooks.Result.Done.class);

        answer.set(InetAddress.getLoopbackAddress()); // DNS now points at the receiver on loopback
        receiver.otherwise(new Answer.Status(200));
        try (var sender = new OkHttpWebhookSender(rebinding, Duration.ofSeconds(2))) {
            new FanOutAppointmentEvent(subscriptions, deliveries, new JsonWebhookPayloads(), clock)
                    .accept(event(WebhookEventType.BOOKED, number(1), clock.instant()));
            new DeliverWebhooks(subscriptions, deliveries, sender, DeliveryObserver.NONE, clock).runOnce(10);
        }

        assertThat(receiver.received())
                .as("nothing reached the loopback address")
                .isEmpty();
        var id = ((ManageWebhooks.Result.Done) created).subscription().id();
        assertThat(deliveries.page(id, null, 10, null).getFirst().lastError()).contains("refused");
    }

    @Test
    void with_private_urls_allowed_the_loopback_receiver_is_reached() {
        var clock = new MutableClock(Instant.now());
        var subscriptions = new InMemoryWebhookSubscriptions();
        var deliveries = new InMemoryWebhookDeliveries();
        var manage = new ManageWebhooks(subscriptions, DestinationGuard.ALLOW_ALL, clock);
        manage.create(new ManageWebhooks.Settings(receiver.url("/hook").toString(), null, null, true));
        try (var sender = new OkHttpWebhookSender(okhttp3.Dns.SYSTEM, Duration.ofSeconds(2))) {
            new FanOutAppointmentEvent(subscriptions, deliveries, new JsonWebhookPayloads(), clock)
                    .accept(event(WebhookEventType.BOOKED, number(1), clock.instant()));
            new DeliverWebhooks(subscriptions, deliveries, sender, DeliveryObserver.NONE, clock).runOnce(10);
        }

        assertThat(receiver.received()).hasSize(1);
        assertThat(receiver.received().getFirst().verified()).isFalse(); // it was told no secret: nothing else
    }
}
