package com.cureka.appointments.adapters.webhooks;

import com.cureka.appointments.adapters.webhooks.Receiver.Answer;
import com.cureka.appointments.application.memory.InMemoryWebhookDeliveries;
import com.cureka.appointments.application.memory.InMemoryWebhookSubscriptions;
import com.cureka.appointments.application.port.webhook.DeliveryStatus;
import com.cureka.appointments.application.port.webhook.DestinationGuard;
import com.cureka.appointments.application.port.webhook.WebhookDelivery;
import com.cureka.appointments.application.port.webhook.WebhookEventType;
import com.cureka.appointments.application.port.webhook.WebhookSubscription;
import com.cureka.appointments.application.webhook.DeliverWebhooks;
import com.cureka.appointments.application.webhook.FanOutAppointmentEvent;
import com.cureka.appointments.application.webhook.ManageWebhooks;
import com.cureka.appointments.application.webhook.RetrySchedule;
import com.cureka.appointments.testkit.time.MutableClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.cureka.appointments.application.port.webhook.WebhookEventType.BOOKED;
import static com.cureka.appointments.application.port.webhook.WebhookEventType.CANCELLED;
import static com.cureka.appointments.testkit.webhook.AppointmentEvents.event;
import static com.cureka.appointments.testkit.webhook.AppointmentEvents.number;
import static org.assertj.core.api.Assertions.assertThat;

/** Deliveries to a real HTTP receiver on loopback, which checks every signature as an integrator would. */
class DeliveringWebhooksTest {
    // Near real time, so that the official library's 5-minute timestamp tolerance holds where a test uses it.
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final Receiver receiver = new Receiver();
    private final InMemoryWebhookSubscriptions subscriptions = new InMemoryWebhookSubscriptions();
    private final InMemoryWebhookDeliveries deliveries = new InMemoryWebhookDeliveries();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OkHttpWebhookSender sender = new OkHttpWebhookSender(Dns.SYSTEM, Duration.ofSeconds(2));
    private final ManageWebhooks manage = new ManageWebhooks(subscriptions, DestinationGuard.ALLOW_ALL, clock);
    private final FanOutAppointmentEvent fanOut =
            new FanOutAppointmentEvent(subscriptions, deliveries, new JsonWebhookPayloads(), clock);
    private final DeliverWebhooks deliver = new DeliverWebhooks(
            subscriptions, deliveries, sender, new WebhookMetrics(registry, deliveries, subscriptions, clock), clock);

    DeliveringWebhooksTest() {
        subscriptions.cascadeTo(deliveries);
    }

    @AfterEach
    void close() {
        receiver.close();
        sender.close();
    }

    private WebhookSubscription subscribe(Set<WebhookEventType> events) {
        var created = (ManageWebhooks.Result.Done)
                manage.create(new ManageWebhooks.Settings(receiver.url("/hooks").toString(), events, "test", true));
        receiver.knows(created.subscription().secret());
        return created.subscription();
    }

    private List<WebhookDelivery> deliveriesOf(WebhookSubscription sub) {
        return deliveries.page(sub.id(), null, 100, null);
    }

    private double outcomes(String outcome) {
        return registry.get("webhook.deliveries")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    @Test
    void a_booking_is_delivered_once_signed_with_the_event_id_and_the_appointment_as_the_api_shows_it()
            throws Exception {
        var sub = subscribe(EnumSet.allOf(WebhookEventType.class));
        var booked = event(BOOKED, number(7), clock.instant());

        fanOut.accept(booked);
        fanOut.accept(booked); // the outbox may hand an event twice
        deliver.runOnce(10);
        deliver.runOnce(10);

        assertThat(receiver.received()).singleElement().satisfies(r -> {
            assertThat(r.verified())
                    .as("signature verifies with the subscriber's secret")
                    .isTrue();
            assertThat(r.id()).isEqualTo(booked.eventId().toString());
            assertThat(r.timestamp()).isEqualTo(String.valueOf(clock.instant().getEpochSecond()));
            assertThat(r.signature()).startsWith("v1,").doesNotContain(" ");
            var body = new ObjectMapper().readTree(r.body());
            assertThat(body.get("type").asText()).isEqualTo("appointment.booked");
            assertThat(body.get("timestamp").asText())
                    .isEqualTo(booked.occurredAt().toString());
            assertThat(body.at("/data/appointment_id").asText()).isEqualTo("AID-20260301-0007");
            assertThat(body.at("/data/status").asText()).isEqualTo("scheduled");
            assertThat(body.at("/data/doctor/name").asText()).isEqualTo("Dr. Priya Sharma");
            assertThat(body.at("/data/appointment_details/datetime").asText()).isEqualTo("2026-03-10T10:00:00+05:30");
            assertThat(body.has("history")).isFalse();
        });
        var headers = Map.of(
                "webhook-id", List.of(receiver.received().getFirst().id()),
                "webhook-timestamp", List.of(receiver.received().getFirst().timestamp()),
                "webhook-signature", List.of(receiver.received().getFirst().signature()));
        new Webhook(sub.secret()).verify(receiver.received().getFirst().body(), headers);
        assertThat(deliveriesOf(sub)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.SUCCEEDED);
            assertThat(d.lastStatusCode()).isEqualTo(200);
        });
        assertThat(outcomes("succeeded")).isEqualTo(1);
    }

    @Test
    void only_subscribers_of_the_event_type_that_are_enabled_get_it() {
        var cancelledOnly = subscribe(EnumSet.of(CANCELLED));
        var disabled = subscribe(EnumSet.of(BOOKED));
        manage.update(disabled.id(), new ManageWebhooks.Settings(disabled.url().toString(), null, null, false));

        fanOut.accept(event(BOOKED, number(1), clock.instant()));
        deliver.runOnce(10);

        assertThat(receiver.received()).isEmpty();
        assertThat(deliveriesOf(cancelledOnly)).isEmpty();
        assertThat(deliveriesOf(disabled)).isEmpty();
    }

    @Test
    void a_failure_is_retried_after_the_schedule_with_the_same_webhook_id_and_a_fresh_timestamp() {
        var sub = subscribe(EnumSet.of(BOOKED));
        receiver.answers(new Answer.Status(500));
        var booked = event(BOOKED, number(1), clock.instant());
        fanOut.accept(booked);

        deliver.runOnce(10);
        var afterFailure = deliveriesOf(sub).getFirst();
        assertThat(afterFailure.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(afterFailure.lastStatusCode()).isEqualTo(500);
        assertThat(afterFailure.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(5));

        clock.advance(Duration.ofSeconds(4));
        assertThat(deliver.runOnce(10)).as("not due before 5 s").isZero();
        clock.advance(Duration.ofSeconds(1));
        deliver.runOnce(10);

        assertThat(receiver.received()).hasSize(2).allSatisfy(r -> {
            assertThat(r.id()).isEqualTo(booked.eventId().toString());
            assertThat(r.verified()).isTrue();
        });
        assertThat(receiver.received().get(1).timestamp())
                .isNotEqualTo(receiver.received().get(0).timestamp());
        assertThat(deliveriesOf(sub).getFirst().status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(deliveriesOf(sub).getFirst().attempts()).isEqualTo(2);
        assertThat(outcomes("retried")).isEqualTo(1);
    }

    @Test
    void after_the_last_retry_of_the_schedule_the_delivery_has_failed() {
        var sub = subscribe(EnumSet.of(BOOKED));
        receiver.otherwise(new Answer.Status(503));
        fanOut.accept(event(BOOKED, number(1), clock.instant()));

        deliver.runOnce(10);
        for (var delay : RetrySchedule.DELAYS) {
            clock.advance(delay);
            assertThat(deliver.runOnce(10)).isEqualTo(1);
        }
        clock.advance(Duration.ofDays(1));
        deliver.runOnce(10);

        assertThat(receiver.received()).hasSize(1 + RetrySchedule.DELAYS.size());
        assertThat(deliveriesOf(sub).getFirst().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(deliveriesOf(sub).getFirst().lastError()).contains("HTTP 503");
        assertThat(outcomes("failed")).isEqualTo(1);
    }

    @Test
    void events_of_one_appointment_arrive_in_order_even_when_the_first_needed_retries() throws Exception {
        subscribe(EnumSet.allOf(WebhookEventType.class));
        receiver.answers(new Answer.Status(500), new Answer.Status(500));
        var booked = event(BOOKED, number(1), clock.instant());
        var cancelled = event(CANCELLED, number(1), clock.instant().plusMillis(10));
        fanOut.accept(booked);
        fanOut.accept(cancelled);

        deliver.runOnce(10);
        clock.advance(Duration.ofSeconds(5));
        deliver.runOnce(10);
        clock.advance(Duration.ofMinutes(5));
        deliver.runOnce(10);
        deliver.runOnce(10);

        assertThat(receiver.received())
                .extracting(Receiver.Received::id)
                .containsExactly(
                        booked.eventId().toString(),
                        booked.eventId().toString(),
                        booked.eventId().toString(),
                        cancelled.eventId().toString());
    }

    @Test
    void another_appointment_does_not_wait_for_one_that_is_failing() {
        subscribe(EnumSet.of(BOOKED));
        receiver.answers(new Answer.Status(500));
        var first = event(BOOKED, number(1), clock.instant());
        var second = event(BOOKED, number(2), clock.instant().plusMillis(1));
        fanOut.accept(first);
        fanOut.accept(second);

        deliver.runOnce(10);

        assertThat(receiver.received())
                .extracting(Receiver.Received::id)
                .containsExactlyInAnyOrder(
                        first.eventId().toString(), second.eventId().toString());
    }

    @Test
    void after_a_rotation_both_secrets_verify_for_24_hours_then_only_the_new_one() {
        var sub = subscribe(EnumSet.of(BOOKED));
        var rotated = ((ManageWebhooks.Result.Done) manage.rotateSecret(sub.id())).subscription();
        receiver.knows(rotated.secret());

        fanOut.accept(event(BOOKED, number(1), clock.instant()));
        deliver.runOnce(10);
        clock.advance(ManageWebhooks.ROTATION_OVERLAP);
        fanOut.accept(event(BOOKED, number(2), clock.instant()));
        deliver.runOnce(10);

        var duringOverlap = receiver.received().get(0);
        assertThat(duringOverlap.signature().split(" ")).hasSize(2);
        assertThat(duringOverlap.verifiedBy()).containsExactlyInAnyOrder(sub.secret(), rotated.secret());
        var afterOverlap = receiver.received().get(1);
        assertThat(afterOverlap.signature().split(" ")).hasSize(1);
        assertThat(afterOverlap.verifiedBy()).containsExactly(rotated.secret());
    }

    @Test
    void a_redirect_is_not_followed_and_counts_as_a_failure() {
        var sub = subscribe(EnumSet.of(BOOKED));
        receiver.answers(new Answer.Redirect(receiver.url("/elsewhere").toString()));
        fanOut.accept(event(BOOKED, number(1), clock.instant()));

        deliver.runOnce(10);

        assertThat(receiver.received()).hasSize(1);
        var delivery = deliveriesOf(sub).getFirst();
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.lastStatusCode()).isEqualTo(302);
        assertThat(delivery.lastError()).contains("redirects are not followed");
    }

    @Test
    void a_receiver_that_hangs_past_the_timeout_is_a_failure_without_a_status() {
        var sub = subscribe(EnumSet.of(BOOKED));
        receiver.answers(new Answer.Hang(4_000));
        fanOut.accept(event(BOOKED, number(1), clock.instant()));

        long started = System.nanoTime();
        deliver.runOnce(10);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        var delivery = deliveriesOf(sub).getFirst();
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.lastStatusCode()).isNull();
        assertThat(delivery.lastError()).contains("no answer within");
    }

    @Test
    void a_10_mb_answer_is_read_only_a_few_kib_and_kept_short() {
        var sub = subscribe(EnumSet.of(BOOKED));
        receiver.answers(new Answer.Huge(500, 10 * 1024 * 1024));
        fanOut.accept(event(BOOKED, number(1), clock.instant()));

        deliver.runOnce(10);

        var delivery = deliveriesOf(sub).getFirst();
        assertThat(delivery.lastStatusCode()).isEqualTo(500);
        assertThat(delivery.lastError()).startsWith("HTTP 500: xxx").hasSizeLessThanOrEqualTo(500);
    }

    @Test
    void a_subscriber_whose_deliveries_all_failed_for_5_days_is_disabled_and_counted() {
        var sub = subscribe(EnumSet.of(BOOKED));
        receiver.otherwise(new Answer.Status(500));
        fanOut.accept(event(BOOKED, number(1), clock.instant()));
        deliver.runOnce(10);

        clock.advance(Duration.ofDays(4));
        fanOut.accept(event(BOOKED, number(2), clock.instant()));
        deliver.runOnce(10);
        assertThat(subscriptions.byId(sub.id()).orElseThrow().enabled())
                .as("4 days")
                .isTrue();

        clock.advance(Duration.ofDays(1));
        fanOut.accept(event(BOOKED, number(3), clock.instant()));
        deliver.runOnce(10);

        assertThat(subscriptions.byId(sub.id()).orElseThrow().enabled()).isFalse();
        assertThat(registry.get("webhook.subscriber.disablements").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("webhook.subscribers.disabled").gauge().value()).isEqualTo(1);
        fanOut.accept(event(BOOKED, number(4), clock.instant()));
        assertThat(deliveriesOf(sub))
                .noneMatch(d -> d.appointmentNumber().equals(number(4).format()));
    }

    @Test
    void a_success_in_between_keeps_a_subscriber_enabled() {
        var sub = subscribe(EnumSet.of(BOOKED));
        receiver.answers(new Answer.Status(500));
        fanOut.accept(event(BOOKED, number(1), clock.instant()));
        deliver.runOnce(10);
        clock.advance(Duration.ofDays(3));
        fanOut.accept(event(BOOKED, number(2), clock.instant()));
        deliver.runOnce(10); // 200: both the retry of 1 and 2 are due now

        receiver.otherwise(new Answer.Status(500));
        clock.advance(Duration.ofDays(3));
        fanOut.accept(event(BOOKED, number(3), clock.instant()));
        deliver.runOnce(10);

        assertThat(subscriptions.byId(sub.id()).orElseThrow().enabled()).isTrue();
    }

    @Test
    void the_backlog_gauge_counts_due_deliveries() {
        subscribe(EnumSet.of(BOOKED));
        fanOut.accept(event(BOOKED, number(1), clock.instant()));
        fanOut.accept(event(BOOKED, number(2), clock.instant()));

        assertThat(registry.get("webhook.deliveries.due").gauge().value()).isEqualTo(2);
        deliver.runOnce(10);
        assertThat(registry.get("webhook.deliveries.due").gauge().value()).isZero();
    }

    @Test
    void deleting_a_subscriber_stops_its_deliveries() {
        var sub = subscribe(EnumSet.of(BOOKED));
        fanOut.accept(event(BOOKED, number(1), clock.instant()));

        manage.delete(sub.id());
        deliver.runOnce(10);

        assertThat(receiver.received()).isEmpty();
        assertThat(subscriptions.byId(sub.id())).isEmpty();
        assertThat(deliveries.due(clock.instant())).isZero();
    }
}
