package com.cureka.appointments.adapters.calcom;

import com.cureka.appointments.adapters.calcom.CalComWebhookSubscription.Outcome;
import com.cureka.appointments.adapters.calcom.fake.FakeCalCom;
import com.cureka.appointments.adapters.calcom.fake.FakeWebhookSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static com.cureka.appointments.adapters.calcom.CalComFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/** CAL_COM_WEBHOOK_URL registered in Cal.com through /v2/webhooks, as many times as the app starts. */
class CalComWebhookSubscriptionTest {
    private static final String URL = "https://clinic.example.org/webhooks/cal";
    private static final String SECRET = "whsec-clinic-0123456789";

    private final FakeCalCom calcom = fakeWithDoctor(CLOCK);
    private final CalComWebhookSubscription subscription = new CalComWebhookSubscription(settings(calcom), URL, SECRET);

    @AfterEach
    void stop() {
        calcom.close();
    }

    @Test
    void registering_twice_leaves_exactly_one_subscription_with_our_triggers_and_secret() {
        var first = subscription.register();
        var second = subscription.register();

        assertThat(first).isInstanceOf(Outcome.Created.class);
        assertThat(second).isEqualTo(new Outcome.Unchanged(((Outcome.Created) first).id()));
        assertThat(calcom.webhookSubscriptions()).singleElement().satisfies(s -> {
            assertThat(s.subscriberUrl()).isEqualTo(URL);
            assertThat(s.triggers()).containsExactlyInAnyOrderElementsOf(CalComWebhookSubscription.TRIGGERS);
            assertThat(s.secret()).isEqualTo(SECRET);
            assertThat(s.active()).isTrue();
            assertThat(s.payloadTemplate())
                    .as("Cal.com's default JSON, which the reader reads")
                    .isNull();
        });
        assertThat(calcom.calls(
                        "PATCH",
                        "/v2/webhooks/"
                                + calcom.webhookSubscriptions().getFirst().id()))
                .isEmpty();
    }

    @Test
    void an_existing_subscription_with_other_triggers_is_updated_in_place() {
        var existing = calcom.storeWebhookSubscription(URL, List.of("BOOKING_CREATED"), true, SECRET);

        var outcome = subscription.register();

        assertThat(outcome).isEqualTo(new Outcome.Updated(existing.id()));
        assertThat(calcom.webhookSubscriptions()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(existing.id());
            assertThat(s.triggers()).containsExactlyInAnyOrderElementsOf(CalComWebhookSubscription.TRIGGERS);
        });
    }

    @Test
    void an_inactive_subscription_or_one_with_another_secret_is_updated_too() {
        calcom.storeWebhookSubscription(URL, CalComWebhookSubscription.TRIGGERS, false, "an-old-secret");

        assertThat(subscription.register()).isInstanceOf(Outcome.Updated.class);
        assertThat(calcom.webhookSubscriptions())
                .singleElement()
                .extracting(FakeWebhookSubscription::active, FakeWebhookSubscription::secret)
                .containsExactly(true, SECRET);
    }

    @Test
    void subscriptions_to_other_urls_are_left_alone() {
        var other = calcom.storeWebhookSubscription(
                "https://crm.example.org/hooks", List.of("BOOKING_CREATED"), true, null);

        subscription.register();

        assertThat(calcom.webhookSubscriptions()).hasSize(2).contains(other);
    }

    @Test
    void the_calls_carry_the_bearer_key_and_a_version_cal_com_knows() {
        subscription.register();

        assertThat(calcom.calls()).isNotEmpty().allSatisfy(call -> {
            assertThat(call.header("Authorization")).isEqualTo("Bearer " + calcom.apiKey());
            assertThat(call.header("cal-api-version")).isEqualTo("2024-08-13");
        });
    }

    @Test
    void a_failing_cal_com_is_reported_and_logged_never_thrown() {
        calcom.failNext(500, 3); // every try of the listing

        try (var logs = new LogCapture()) {
            var outcome = subscription.register();

            assertThat(outcome).isInstanceOf(Outcome.Failed.class);
            assertThat(((Outcome.Failed) outcome).reason()).contains("500");
            assertThat(logs.warnings()).anySatisfy(line -> assertThat(line).contains(URL));
        }
        assertThat(calcom.webhookSubscriptions()).isEmpty();
    }

    @Test
    void a_key_cal_com_refuses_is_a_failure_too() {
        var badKey = CalComSettings.of("cal_live_unknown", calcom.baseUrl(), Duration.ofSeconds(2));

        var outcome = new CalComWebhookSubscription(badKey, URL, SECRET).register();

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) outcome).reason()).contains("401");
    }
}
