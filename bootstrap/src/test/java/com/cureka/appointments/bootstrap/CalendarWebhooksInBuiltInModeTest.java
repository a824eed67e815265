package com.cureka.appointments.bootstrap;

import com.cureka.appointments.adapters.calcom.fake.FakeCalCom;
import com.cureka.appointments.adapters.calcom.fake.FakeCalComWebhooks;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API.md: a delivery to {@code POST /webhooks/cal} is refused only when its signature does not verify. With
 * {@code CAL_COM_WEBHOOK_SECRET} set and no {@code CAL_COM_API_KEY} (the built-in calendar), a signed delivery is
 * about a booking we do not hold: acknowledged and ignored.
 */
class CalendarWebhooksInBuiltInModeTest {
    private static final String SECRET = "whsec-built-in-mode";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FakeCalCom calcom; // only to make deliveries as Cal.com makes them; the app does not talk to it
    private static FakeCalComWebhooks webhooks;
    private static RunningApp clinic;
    private static String uid;

    @BeforeAll
    static void boot() {
        calcom = FakeCalCom.start(Clock.fixed(RunningApp.NOW, ZoneOffset.UTC))
                .addHost(
                        "dr-elsewhere",
                        "Dr. Elsewhere",
                        ZoneId.of("Asia/Kolkata"),
                        LocalTime.of(9, 0),
                        LocalTime.of(18, 0))
                .addEventType(501, "30-min", 30, "dr-elsewhere");
        uid = calcom.storeBooking(
                        501, RunningApp.NOW.plus(Duration.ofDays(1)), Map.of("appointmentNumber", "AID-20300107-0042"))
                .uid();
        webhooks = new FakeCalComWebhooks(calcom, SECRET);
        clinic = new RunningApp(Map.of("CAL_COM_WEBHOOK_SECRET", SECRET));
    }

    @AfterAll
    static void stop() {
        clinic.close();
        calcom.close();
    }

    @Test
    void a_signed_delivery_in_built_in_mode_is_acknowledged_and_ignored() throws Exception {
        var response = webhooks.bookingCreated(uid).postTo(clinic.baseUrl() + "/webhooks/cal");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/data/outcome").asText()).isEqualTo("unknown_booking");
    }

    @Test
    void a_signed_cancellation_in_built_in_mode_is_acknowledged_too() throws Exception {
        var response = webhooks.bookingCancelled(uid).postTo(clinic.baseUrl() + "/webhooks/cal");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/data/outcome").asText()).isEqualTo("unknown_booking");
    }

    @Test
    void a_delivery_whose_signature_does_not_verify_is_refused_in_built_in_mode() {
        var forged =
                webhooks.signedWith("not-the-secret").bookingCreated(uid).postTo(clinic.baseUrl() + "/webhooks/cal");
        var tampered = webhooks.bookingCreated(uid).tampered().postTo(clinic.baseUrl() + "/webhooks/cal");
        var unsigned = webhooks.bookingCreated(uid).withoutSignature().postTo(clinic.baseUrl() + "/webhooks/cal");

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(unsigned.statusCode()).isEqualTo(401);
    }
}
