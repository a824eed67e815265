package com.cureka.appointments.adapters.calcom.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake's webhook deliveries have Cal.com's shape, signature and headers, and reach a URL byte for byte. */
class FakeCalComWebhooksTest {
    private static final Instant NOW = Instant.parse("2030-03-01T08:00:00Z");
    private static final Map<String, String> OURS = Map.of(
            "appointmentNumber",
            "AID-20300301-0001",
            "doctorId",
            "11111111-2222-3333-4444-555555555555",
            "patientId",
            "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            "appointmentType",
            "consultation");

    private final FakeCalCom calcom = FakeCalCom.start(Clock.fixed(NOW, ZoneOffset.UTC))
            .addHost("alice", "Alice Doc", ZoneId.of("Europe/Rome"), LocalTime.of(9, 0), LocalTime.of(17, 0))
            .addEventType(10, "30-min", 30, "alice");
    private final FakeCalComWebhooks webhooks = new FakeCalComWebhooks(calcom, "s3cret");
    private final ObjectMapper json = new ObjectMapper();
    private final FakeBooking booking = calcom.storeBooking(10, Instant.parse("2030-03-05T08:00:00Z"), OURS);

    @AfterEach
    void stop() {
        calcom.close();
    }

    @Test
    void booking_created_has_cal_coms_envelope_and_payload_fields() throws Exception {
        var delivery = webhooks.bookingCreated(booking.uid());
        JsonNode body = json.readTree(delivery.body());

        assertThat(body.get("triggerEvent").asText()).isEqualTo("BOOKING_CREATED");
        assertThat(body.get("createdAt").asText()).isEqualTo("2030-03-01T08:00:00.000Z");
        JsonNode payload = body.get("payload");
        assertThat(payload.get("uid").asText()).isEqualTo(booking.uid());
        assertThat(payload.get("bookingId").asLong()).isEqualTo(booking.id());
        assertThat(payload.get("startTime").asText()).isEqualTo("2030-03-05T08:00:00Z");
        assertThat(payload.get("endTime").asText()).isEqualTo("2030-03-05T08:30:00Z");
        assertThat(payload.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(payload.get("type").asText()).isEqualTo("30-min");
        assertThat(payload.get("organizer").get("username").asText()).isEqualTo("alice");
        assertThat(payload.get("organizer").get("timeZone").asText()).isEqualTo("Europe/Rome");
        assertThat(payload.get("organizer").get("utcOffset").asInt()).isEqualTo(60);
        assertThat(payload.get("attendees").get(0).get("email").asText()).isEqualTo("walk.in@example.com");
        assertThat(payload.get("responses").get("name").get("value").asText()).isEqualTo("Walk In");
        // Cal Video: the room URL is the location and in the metadata, beside ours
        String room = "https://app.cal.com/video/" + booking.uid();
        assertThat(payload.get("location").asText()).isEqualTo(room);
        assertThat(payload.get("metadata").get("videoCallUrl").asText()).isEqualTo(room);
        assertThat(payload.get("metadata").get("appointmentNumber").asText()).isEqualTo("AID-20300301-0001");
        assertThat(payload.get("metadata").get("patientId").asText()).isEqualTo("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        // JSON.stringify: no spaces
        assertThat(delivery.bodyText()).startsWith("{\"triggerEvent\":\"BOOKING_CREATED\",\"createdAt\":");
    }

    @Test
    void deliveries_carry_cal_coms_headers_and_the_hmac_of_the_exact_body() throws Exception {
        var delivery = webhooks.bookingCreated(booking.uid());
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

        assertThat(delivery.header("content-type")).isEqualTo("application/json");
        assertThat(delivery.header("X-Cal-Webhook-Version")).isEqualTo("2021-10-20");
        assertThat(delivery.header("x-cal-signature-256"))
                .isEqualTo(HexFormat.of().formatHex(mac.doFinal(delivery.body())));
        assertThat(new FakeCalComWebhooks(calcom, null)
                        .bookingCreated(booking.uid())
                        .signature())
                .isEqualTo("no-secret-provided");
    }

    @Test
    void booking_cancelled_carries_the_reason_and_cancel_status_but_no_metadata_as_cal_com_sends_it() throws Exception {
        calcom.state().replace(calcom.booking(booking.uid()).orElseThrow().cancelled("Doctor is ill", NOW));

        JsonNode payload =
                json.readTree(webhooks.bookingCancelled(booking.uid()).body()).get("payload");

        assertThat(payload.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(payload.get("cancellationReason").asText()).isEqualTo("Doctor is ill");
        assertThat(payload.get("startTime").asText()).isEqualTo("2030-03-05T08:00:00+00:00");
        assertThat(payload.has("metadata")).isFalse();
    }

    @Test
    void booking_rescheduled_names_the_old_booking_as_reschedule_uid_and_id() throws Exception {
        var old = booking;
        var moved = calcom.state()
                .store(
                        calcom.state().eventType(10).orElseThrow(),
                        Instant.parse("2030-03-05T09:00:00Z"),
                        old.attendeeName(),
                        old.attendeeEmail(),
                        old.attendeeTimeZone(),
                        old.metadata(),
                        old.uid());
        calcom.state().replace(old.rescheduledTo(moved.uid(), "Patient asked", NOW));

        JsonNode payload =
                json.readTree(webhooks.bookingRescheduled(moved.uid()).body()).get("payload");

        assertThat(payload.get("uid").asText()).isEqualTo(moved.uid());
        assertThat(payload.get("rescheduleUid").asText()).isEqualTo(old.uid());
        assertThat(payload.get("rescheduleId").asLong()).isEqualTo(old.id());
        assertThat(payload.get("rescheduleStartTime").asText()).isEqualTo("2030-03-05T08:00:00Z");
        assertThat(payload.get("startTime").asText()).isEqualTo("2030-03-05T09:00:00Z");
    }

    @Test
    void meeting_ended_carries_the_raw_booking_row() throws Exception {
        JsonNode payload =
                json.readTree(webhooks.meetingEnded(booking.uid()).body()).get("payload");

        assertThat(payload.get("id").asLong()).isEqualTo(booking.id());
        assertThat(payload.has("bookingId")).isFalse();
        assertThat(payload.get("location").asText()).isEqualTo("integrations:daily");
        assertThat(payload.get("endTime").asText()).isEqualTo("2030-03-05T08:30:00.000Z");
        assertThat(payload.get("metadata").get("appointmentNumber").asText()).isEqualTo("AID-20300301-0001");
    }

    @Test
    void a_delivery_is_posted_as_cal_com_posts_it_byte_for_byte_with_its_headers() throws Exception {
        var received = new AtomicReference<byte[]>();
        var headers = new AtomicReference<Headers>();
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/webhooks/cal", exchange -> {
            try (exchange) {
                received.set(exchange.getRequestBody().readAllBytes());
                headers.set(exchange.getRequestHeaders());
                byte[] answer = "{\"data\":{\"outcome\":\"applied\"}}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
        try {
            var delivery = webhooks.at(Instant.parse("2030-03-01T07:59:00Z")).bookingCreated(booking.uid());

            var response = delivery.postTo(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/cal"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("applied");
            assertThat(received.get()).isEqualTo(delivery.body());
            assertThat(headers.get().getFirst("X-Cal-Signature-256")).isEqualTo(delivery.signature());
            assertThat(headers.get().getFirst("X-Cal-Webhook-Version")).isEqualTo("2021-10-20");
            assertThat(headers.get().getFirst("Content-Type")).isEqualTo("application/json");
        } finally {
            server.stop(0);
        }
    }
}
