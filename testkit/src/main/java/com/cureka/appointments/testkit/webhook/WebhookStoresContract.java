package com.cureka.appointments.testkit.webhook;

import com.cureka.appointments.application.port.webhook.DeliveryStatus;
import com.cureka.appointments.application.port.webhook.WebhookDeliveries;
import com.cureka.appointments.application.port.webhook.WebhookDelivery;
import com.cureka.appointments.application.port.webhook.WebhookEventType;
import com.cureka.appointments.application.port.webhook.WebhookSubscription;
import com.cureka.appointments.application.port.webhook.WebhookSubscriptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static com.cureka.appointments.application.port.webhook.WebhookEventType.BOOKED;
import static com.cureka.appointments.application.port.webhook.WebhookEventType.CANCELLED;
import static com.cureka.appointments.testkit.webhook.AppointmentEvents.event;
import static com.cureka.appointments.testkit.webhook.AppointmentEvents.number;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every pair of {@link WebhookSubscriptions} and {@link WebhookDeliveries} must do, as their Javadoc says.
 * Extend it with fresh, empty stores per test.
 */
public abstract class WebhookStoresContract {
    protected static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);

    /** Both stores, empty, the deliveries belonging to the subscriptions (deleting a subscriber deletes its own). */
    public record Stores(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries) {}

    protected abstract Stores newStores();

    private WebhookSubscriptions subscriptions;
    private WebhookDeliveries deliveries;

    @BeforeEach
    void emptyStores() {
        var stores = newStores();
        subscriptions = stores.subscriptions();
        deliveries = stores.deliveries();
    }

    @Test
    void a_subscriber_is_stored_with_its_url_events_and_secret() {
        var sub = subscriber(EnumSet.of(BOOKED, CANCELLED));

        assertThat(subscriptions.byId(sub.id())).contains(sub);
        assertThat(subscriptions.all()).containsExactly(sub);
    }

    @Test
    void only_enabled_subscribers_of_the_type_are_found_for_an_event() {
        var booked = subscriber(EnumSet.of(BOOKED));
        var cancelled = subscriber(EnumSet.of(CANCELLED));
        var off = subscriber(EnumSet.of(BOOKED));
        subscriptions.disable(off.id());

        assertThat(subscriptions.enabledFor(BOOKED))
                .extracting(WebhookSubscription::id)
                .containsExactly(booked.id());
        assertThat(subscriptions.enabledFor(CANCELLED))
                .extracting(WebhookSubscription::id)
                .containsExactly(cancelled.id());
        assertThat(subscriptions.countDisabled()).isEqualTo(1);
    }

    @Test
    void an_update_replaces_the_settings_and_keeps_the_secret() {
        var sub = subscriber(EnumSet.of(BOOKED));
        var changed = sub.withSettings(URI.create("https://other.example/hook"), Set.of(CANCELLED), "new", false);

        assertThat(subscriptions.update(changed)).isTrue();

        var stored = subscriptions.byId(sub.id()).orElseThrow();
        assertThat(stored.url()).isEqualTo(URI.create("https://other.example/hook"));
        assertThat(stored.events()).containsExactly(CANCELLED);
        assertThat(stored.enabled()).isFalse();
        assertThat(stored.secret()).isEqualTo(sub.secret());
        var unknown = new WebhookSubscription(
                UUID.randomUUID(), sub.url(), Set.of(BOOKED), null, true, sub.secret(), null, null, NOW, null);
        assertThat(subscriptions.update(unknown)).isFalse();
    }

    @Test
    void a_rotation_keeps_the_old_secret_signing_until_the_end_of_the_overlap() {
        var sub = subscriber(EnumSet.of(BOOKED));
        var until = NOW.plus(Duration.ofHours(24));

        assertThat(subscriptions.rotateSecret(sub.id(), "whsec_bmV3", until)).isTrue();

        var rotated = subscriptions.byId(sub.id()).orElseThrow();
        assertThat(rotated.signingSecrets(NOW)).containsExactly("whsec_bmV3", sub.secret());
        assertThat(rotated.signingSecrets(until)).containsExactly("whsec_bmV3");
        assertThat(subscriptions.rotateSecret(UUID.randomUUID(), "whsec_eA==", until))
                .isFalse();
    }

    @Test
    void failing_since_keeps_the_first_failure_until_a_success() {
        var sub = subscriber(EnumSet.of(BOOKED));

        assertThat(subscriptions.failedAt(sub.id(), NOW)).contains(NOW);
        assertThat(subscriptions.failedAt(sub.id(), NOW.plusSeconds(60))).contains(NOW);
        subscriptions.succeeded(sub.id());
        assertThat(subscriptions.failedAt(sub.id(), NOW.plusSeconds(120))).contains(NOW.plusSeconds(120));
        assertThat(subscriptions.failedAt(UUID.randomUUID(), NOW)).isEmpty();
    }

    @Test
    void the_same_event_handed_twice_is_one_delivery_per_subscriber() {
        var a = subscriber(EnumSet.of(BOOKED));
        var b = subscriber(EnumSet.of(BOOKED));
        var booked = event(BOOKED, number(1), NOW);

        assertThat(deliveries.enqueue(booked, "{}", List.of(a.id(), b.id()), NOW))
                .isEqualTo(2);
        assertThat(deliveries.enqueue(booked, "{}", List.of(a.id(), b.id()), NOW))
                .isZero();

        assertThat(deliveries.page(a.id(), null, 10, null)).hasSize(1);
        assertThat(deliveries.page(b.id(), null, 10, null)).hasSize(1);
    }

    @Test
    void a_claimed_delivery_is_not_claimed_again_until_its_lease_ran_out() {
        var sub = subscriber(EnumSet.of(BOOKED));
        var booked = event(BOOKED, number(1), NOW);
        deliveries.enqueue(booked, "{\"a\":1}", List.of(sub.id()), NOW);

        var first = deliveries.claimDue(NOW, LEASE, 10);

        assertThat(first).singleElement().satisfies(d -> {
            assertThat(d.eventId()).isEqualTo(booked.eventId());
            assertThat(d.body()).isEqualTo("{\"a\":1}");
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.appointmentNumber()).isEqualTo(number(1).format());
        });
        assertThat(deliveries.claimDue(NOW.plusSeconds(30), LEASE, 10)).isEmpty();
        assertThat(deliveries.claimDue(NOW.plusSeconds(61), LEASE, 10))
                .singleElement()
                .extracting(WebhookDelivery::attempts)
                .isEqualTo(2);
    }

    @Test
    void a_retry_is_due_at_its_time_and_a_success_is_never_due_again() {
        var sub = subscriber(EnumSet.of(BOOKED));
        deliveries.enqueue(event(BOOKED, number(1), NOW), "{}", List.of(sub.id()), NOW);
        var claimed = deliveries.claimDue(NOW, LEASE, 10).getFirst();

        deliveries.retryAt(claimed.id(), 500, "HTTP 500", NOW.plusSeconds(5));

        assertThat(deliveries.claimDue(NOW.plusSeconds(4), LEASE, 10)).isEmpty();
        var again = deliveries.claimDue(NOW.plusSeconds(5), LEASE, 10);
        assertThat(again).singleElement().extracting(WebhookDelivery::id).isEqualTo(claimed.id());
        deliveries.succeeded(claimed.id(), 204, NOW.plusSeconds(6));
        assertThat(deliveries.claimDue(NOW.plusSeconds(120), LEASE, 10)).isEmpty();
        var stored = deliveries.byId(sub.id(), claimed.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(stored.lastStatusCode()).isEqualTo(204);
        assertThat(stored.attempts()).isEqualTo(2);
    }

    @Test
    void a_later_event_of_one_appointment_waits_until_the_earlier_one_succeeded_or_failed() {
        var sub = subscriber(EnumSet.allOf(WebhookEventType.class));
        var booked = event(BOOKED, number(1), NOW);
        var cancelled = event(CANCELLED, number(1), NOW.plusSeconds(1));
        var otherAppointment = event(BOOKED, number(2), NOW.plusSeconds(2));
        // Handed on out of order: the order is the events', not the enqueue's.
        deliveries.enqueue(cancelled, "{}", List.of(sub.id()), NOW.plusSeconds(3));
        deliveries.enqueue(booked, "{}", List.of(sub.id()), NOW.plusSeconds(3));
        deliveries.enqueue(otherAppointment, "{}", List.of(sub.id()), NOW.plusSeconds(3));
        var at = NOW.plusSeconds(3);

        var first = deliveries.claimDue(at, LEASE, 10);
        assertThat(first)
                .extracting(WebhookDelivery::eventId)
                .containsExactlyInAnyOrder(booked.eventId(), otherAppointment.eventId());

        var bookedDelivery = first.stream()
                .filter(d -> d.eventId().equals(booked.eventId()))
                .findFirst()
                .orElseThrow();
        deliveries.retryAt(bookedDelivery.id(), 500, "HTTP 500", at);
        assertThat(deliveries.claimDue(at, LEASE, 10))
                .extracting(WebhookDelivery::eventId)
                .containsExactly(booked.eventId());

        deliveries.failed(bookedDelivery.id(), 500, "HTTP 500", at);
        assertThat(deliveries.claimDue(at, LEASE, 10))
                .extracting(WebhookDelivery::eventId)
                .containsExactly(cancelled.eventId());
    }

    @Test
    void redelivery_makes_a_failed_delivery_due_now_with_a_fresh_count() {
        var sub = subscriber(EnumSet.of(BOOKED));
        deliveries.enqueue(event(BOOKED, number(1), NOW), "{}", List.of(sub.id()), NOW);
        var claimed = deliveries.claimDue(NOW, LEASE, 10).getFirst();
        deliveries.failed(claimed.id(), null, "timeout", NOW);

        assertThat(deliveries.redeliver(sub.id(), claimed.id(), NOW.plusSeconds(10)))
                .isTrue();

        assertThat(deliveries.due(NOW.plusSeconds(10))).isEqualTo(1);
        assertThat(deliveries.claimDue(NOW.plusSeconds(10), LEASE, 10))
                .singleElement()
                .extracting(WebhookDelivery::attempts)
                .isEqualTo(1);
        assertThat(deliveries.redeliver(UUID.randomUUID(), claimed.id(), NOW)).isFalse();
    }

    @Test
    void pages_are_newest_first_filtered_by_status_and_continue_after_the_cursor() {
        var sub = subscriber(EnumSet.of(BOOKED));
        for (int i = 1; i <= 3; i++) {
            deliveries.enqueue(event(BOOKED, number(i), NOW.plusSeconds(i)), "{}", List.of(sub.id()), NOW);
        }
        var all = deliveries.page(sub.id(), null, 10, null);
        assertThat(all)
                .extracting(WebhookDelivery::appointmentNumber)
                .containsExactly(
                        number(3).format(), number(2).format(), number(1).format());

        assertThat(deliveries.page(sub.id(), null, 10, all.getFirst().id()))
                .extracting(WebhookDelivery::appointmentNumber)
                .containsExactly(number(2).format(), number(1).format());
        assertThat(deliveries.page(sub.id(), DeliveryStatus.SUCCEEDED, 10, null))
                .isEmpty();
        assertThat(deliveries.page(sub.id(), DeliveryStatus.PENDING, 2, null)).hasSize(2);
    }

    @Test
    void deleting_a_subscriber_deletes_its_deliveries() {
        var sub = subscriber(EnumSet.of(BOOKED));
        deliveries.enqueue(event(BOOKED, number(1), NOW), "{}", List.of(sub.id()), NOW);

        assertThat(subscriptions.delete(sub.id())).isTrue();

        assertThat(subscriptions.byId(sub.id())).isEmpty();
        assertThat(deliveries.due(NOW)).isZero();
        assertThat(deliveries.claimDue(NOW, LEASE, 10)).isEmpty();
        assertThat(subscriptions.delete(sub.id())).isFalse();
    }

    private int created;

    private WebhookSubscription subscriber(Set<WebhookEventType> events) {
        var sub = new WebhookSubscription(
                UUID.randomUUID(),
                URI.create("https://receiver.example/hooks/" + created),
                events,
                "receiver " + created,
                true,
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                null,
                null,
                NOW.plusSeconds(created++),
                null);
        subscriptions.add(sub);
        return sub;
    }
}
