package com.cureka.appointments.adapters.http;

import com.cureka.appointments.application.port.calendar.CalendarEvent;
import com.cureka.appointments.application.port.calendar.CalendarWebhookReader;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ReceivingCalendarWebhooksTest {
    private static final String WEBHOOK = "/webhooks/cal";

    private final FakeReader reader = new FakeReader();
    private TestClinic clinic = TestClinic.open(TestClinic.Options.standard().withWebhookReader(reader));

    @AfterEach
    void close() {
        clinic.close();
    }

    private TestClinic.Response deliver(String body, String signature) {
        var request = clinic.request(WEBHOOK, null)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return clinic.send(signature == null ? request : request.header("X-Test-Signature", signature));
    }

    private String bookedNumber() {
        return clinic.bookAt(clinic.tokens.patient(UUID.randomUUID()), "2025-09-23T14:30:00+05:30")
                .at("/data/appointment_id")
                .asText();
    }

    @Test
    void a_signed_cancellation_from_the_calendar_cancels_the_appointment_without_any_jwt() {
        var number = bookedNumber();

        var response = deliver("cancel " + number, "good");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.at("/success").asBoolean()).isTrue();
        assertThat(response.at("/data/outcome").asText()).isEqualTo("applied");
        var appointment = clinic.get("/api/v1/appointments/" + number, clinic.tokens.admin())
                .at("/data");
        assertThat(appointment.get("status").asText()).isEqualTo("cancelled");
        assertThat(appointment.at("/history/1/actor").asText()).startsWith("calendar:");
    }

    @Test
    void the_reader_gets_the_raw_body_byte_for_byte_and_headers_by_any_case() {
        String body = "{ \"triggerEvent\" :\"PING\",\n\t\"note\": \"caf\u00e9\" }  ";

        deliver(body, "good");

        assertThat(reader.lastBody).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(reader.lastSignatureSeen).isEqualTo("good");
    }

    @Test
    void a_redelivery_is_acknowledged_as_a_duplicate() {
        var number = bookedNumber();
        deliver("cancel " + number, "good");

        var again = deliver("cancel " + number, "good");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.at("/data/outcome").asText()).isEqualTo("duplicate");
    }

    @Test
    void an_event_about_a_booking_we_did_not_make_is_acknowledged() {
        var response = deliver("cancel AID-20250101-0001", "good");

        assertThat(response.at("/data/outcome").asText()).isEqualTo("unknown_booking");
    }

    @Test
    void a_bad_or_missing_signature_is_unauthorized() {
        var number = bookedNumber();

        var forged = deliver("cancel " + number, "forged");
        var unsigned = deliver("cancel " + number, null);

        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.code()).isEqualTo("UNAUTHORIZED");
        assertThat(forged.at("/success").asBoolean()).isFalse();
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(clinic.get("/api/v1/appointments/" + number, clinic.tokens.admin())
                        .at("/data/status")
                        .asText())
                .isEqualTo("scheduled");
    }

    @Test
    void a_signed_event_we_do_not_act_on_or_cannot_read_is_acknowledged_as_ignored() {
        var notActedOn = deliver("ping", "good");
        var unreadable = deliver("garbage", "good");

        assertThat(notActedOn.status()).isEqualTo(200);
        assertThat(notActedOn.at("/data/outcome").asText()).isEqualTo("ignored");
        assertThat(unreadable.status()).isEqualTo(200);
        assertThat(unreadable.at("/data/outcome").asText()).isEqualTo("ignored");
    }

    @Test
    void the_media_type_is_for_the_calendar_reader_to_judge_not_a_415() {
        var response = clinic.send(clinic.request(WEBHOOK, null)
                .header("Content-Type", "text/plain")
                .header("X-Test-Signature", "good")
                .POST(HttpRequest.BodyPublishers.ofString("ping")));

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void a_body_over_64_kib_is_too_large() {
        var response = deliver("x".repeat(64 * 1024 + 1), "good");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(reader.lastBody).isNull();
    }

    @Test
    void without_a_webhook_secret_every_delivery_is_unauthorized() {
        clinic.close();
        clinic = TestClinic.open();

        var response = deliver("ping", "good");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("UNAUTHORIZED");
    }

    /**
     * Signed means header {@code X-Test-Signature: good} (looked up in lower case, to prove the lookup ignores
     * case). Bodies: {@code cancel <number>} is a cancellation, {@code ping} an event we do not act on,
     * anything else unreadable. The delivery hash is the body itself.
     */
    private static final class FakeReader implements CalendarWebhookReader {
        volatile byte[] lastBody;
        volatile String lastSignatureSeen;

        public Reading read(byte[] rawBody, Function<String, String> header) {
            lastBody = rawBody;
            lastSignatureSeen = header.apply("x-test-signature");
            if (!"good".equals(lastSignatureSeen)) {
                return new Reading.BadSignature();
            }
            String text = new String(rawBody, StandardCharsets.UTF_8);
            if (text.startsWith("cancel ")) {
                var number = AppointmentNumber.parse(text.substring("cancel ".length()))
                        .orElseThrow();
                return new Reading.Verified(
                        "BOOKING_CANCELLED",
                        Optional.of(new CalendarEvent.BookingCancelled("cal-1", number, "cancelled in the calendar")),
                        text);
            }
            if (text.equals("ping") || text.contains("PING")) {
                return new Reading.Verified("PING", Optional.empty(), text);
            }
            return new Reading.Unreadable("not a payload this fake knows");
        }
    }
}
