package com.cureka.appointments.bootstrap;

import com.cureka.appointments.adapters.calcom.CalComWebhookSubscription;
import com.cureka.appointments.adapters.calcom.fake.FakeCalCom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** CAL_COM_WEBHOOK_URL does what its name says: the app subscribes it in Cal.com when it starts. */
class CalComWebhookRegistrationTest {
    private static final String URL = "https://clinic.example.org/webhooks/cal";
    private static final String SECRET = "whsec-registration-test";

    private final FakeCalCom calcom = FakeCalCom.start(Clock.fixed(RunningApp.NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        calcom.close();
    }

    private Map<String, String> connectedWithWebhook() {
        return Map.of(
                "CAL_COM_API_KEY",
                calcom.apiKey(),
                "CAL_COM_BASE_URL",
                calcom.baseUrl(),
                "CALENDAR_TIMEOUT_SECONDS",
                "2",
                "CAL_COM_WEBHOOK_SECRET",
                SECRET,
                "CAL_COM_WEBHOOK_URL",
                URL);
    }

    @Test
    void the_app_subscribes_its_webhook_url_in_cal_com_at_start_up() {
        try (var app = new RunningApp(connectedWithWebhook())) {
            assertThat(eventually(() -> !calcom.webhookSubscriptions().isEmpty()))
                    .as("subscribed within 10 s")
                    .isTrue();

            assertThat(calcom.webhookSubscriptions()).singleElement().satisfies(s -> {
                assertThat(s.subscriberUrl()).isEqualTo(URL);
                assertThat(s.secret()).isEqualTo(SECRET);
                assertThat(s.triggers()).containsExactlyInAnyOrderElementsOf(CalComWebhookSubscription.TRIGGERS);
                assertThat(s.active()).isTrue();
            });
        }
    }

    @Test
    void starting_twice_leaves_exactly_one_subscription() {
        var calCom = Settings.from(connectedWithWebhook()).calCom();

        var first = CalendarWiring.choose(calCom, Duration.ofSeconds(2), "https://meet.jit.si/", Clock.systemUTC());
        first.subscription().orElseThrow().register();
        var second = CalendarWiring.choose(calCom, Duration.ofSeconds(2), "https://meet.jit.si/", Clock.systemUTC());
        var outcome = second.subscription().orElseThrow().register();

        assertThat(outcome).isInstanceOf(CalComWebhookSubscription.Outcome.Unchanged.class);
        assertThat(calcom.webhookSubscriptions()).hasSize(1);
    }

    @Test
    void a_failing_cal_com_does_not_stop_start_up() {
        calcom.failNext(503, 1000);

        try (var app = new RunningApp(connectedWithWebhook())) {
            var live = app.send("GET", "/health/live", null, null);

            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(eventually(() -> !calcom.calls("GET", "/v2/webhooks").isEmpty()))
                    .as("the registration was tried")
                    .isTrue();
            assertThat(calcom.webhookSubscriptions()).isEmpty();
        }
    }

    @Test
    void without_a_webhook_url_nothing_is_registered() {
        var calCom = Settings.from(Map.of(
                        "CAL_COM_API_KEY", calcom.apiKey(),
                        "CAL_COM_BASE_URL", calcom.baseUrl(),
                        "CAL_COM_WEBHOOK_SECRET", SECRET))
                .calCom();

        var wiring = CalendarWiring.choose(calCom, Duration.ofSeconds(2), "https://meet.jit.si/", Clock.systemUTC());
        wiring.registerWebhookInBackground();

        assertThat(wiring.subscription()).isEmpty();
        assertThat(calcom.calls()).isEmpty();
    }

    private static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
