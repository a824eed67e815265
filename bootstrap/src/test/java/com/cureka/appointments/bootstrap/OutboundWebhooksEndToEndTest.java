package com.cureka.appointments.bootstrap;

import com.cureka.appointments.application.port.webhook.WebhookEventType;
import com.cureka.appointments.testkit.postgres.TestPostgres;
import com.cureka.appointments.testkit.webhook.AppointmentEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running app on real PostgreSQL: subscribers through the admin routes, events through the outbox seam
 * ({@code Application.webhookEvents()}), delivered by the app's own workers to a receiver on loopback that verifies
 * each signature with the official Standard Webhooks library.
 */
class OutboundWebhooksEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> PRIVATE_ALLOWED = Map.of("WEBHOOK_ALLOW_PRIVATE_URLS", "true");

    private final HttpServer receiver;
    private final List<String> verifiedIds = new CopyOnWriteArrayList<>();
    private final List<JsonNode> verifiedBodies = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private volatile String secret;

    OutboundWebhooksEndToEndTest() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks", exchange -> {
            try (exchange) {
                var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                var status = statuses.poll();
                try {
                    new Webhook(secret).verify(body, exchange.getRequestHeaders());
                    if (status == null || status == 200) {
                        verifiedIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
                        verifiedBodies.add(json(body));
                    }
                } catch (Exception e) {
                    status = 401;
                }
                exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            }
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String receiverUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String subscribe(RunningApp app, String admin) {
        var created = app.send("POST", "/api/v1/admin/webhooks", admin, "{\"url\": \"" + receiverUrl() + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        secret = json(created.body()).at("/data/secret").asText();
        return json(created.body()).at("/data/webhook_id").asText();
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void outside_embedded_mode_a_metadata_or_loopback_url_is_refused_with_400() {
        try (var app = new RunningApp(Map.of(), Clock.systemUTC())) {
            var admin = app.token(UUID.randomUUID(), "ADMIN", "Admin");

            for (var url : List.of("http://169.254.169.254/", receiverUrl(), "http://localhost/", "ftp://a.example/")) {
                var refused = app.send("POST", "/api/v1/admin/webhooks", admin, "{\"url\": \"" + url + "\"}");
                assertThat(refused.statusCode()).as(url).isEqualTo(400);
                assertThat(json(refused.body()).get("code").asText()).isEqualTo("VALIDATION_ERROR");
            }
        }
    }

    @Test
    void an_event_handed_to_the_seam_is_delivered_once_signed_and_shows_as_succeeded() throws Exception {
        try (var app = new RunningApp(PRIVATE_ALLOWED, Clock.systemUTC())) {
            var admin = app.token(UUID.randomUUID(), "ADMIN", "Admin");
            var webhook = subscribe(app, admin);
            var event =
                    AppointmentEvents.event(WebhookEventType.BOOKED, AppointmentEvents.number(1), app.clock.instant());

            app.app.webhookEvents().accept(event);
            app.app.webhookEvents().accept(event);

            eventually(() -> !verifiedIds.isEmpty());
            Thread.sleep(1_000); // time for a duplicate, were there one
            assertThat(verifiedIds).containsExactly(event.eventId().toString());
            var listed = json(app.send("GET", "/api/v1/admin/webhooks/" + webhook + "/deliveries", admin, null)
                    .body());
            assertThat(listed.at("/data/items")).hasSize(1);
            assertThat(listed.at("/data/items/0/status").asText()).isEqualTo("succeeded");
            assertThat(listed.at("/data/items/0/event_id").asText())
                    .isEqualTo(event.eventId().toString());
        }
    }

    @Test
    void a_delivery_due_when_the_app_stops_goes_out_after_the_restart() throws Exception {
        var database = TestPostgres.freshDatabase();
        try {
            var event = AppointmentEvents.event(
                    WebhookEventType.CANCELLED,
                    AppointmentEvents.number(2),
                    Clock.systemUTC().instant());
            try (var first = RunningApp.sharing(database, PRIVATE_ALLOWED, Clock.systemUTC())) {
                subscribe(first, first.token(UUID.randomUUID(), "ADMIN", "Admin"));
                statuses.add(503);
                first.app.webhookEvents().accept(event);
                eventually(() -> statuses.isEmpty()); // the first attempt failed; the retry is 5 s away
            }
            assertThat(verifiedIds).isEmpty();

            try (var second = RunningApp.sharing(database, PRIVATE_ALLOWED, Clock.systemUTC())) {
                eventually(() -> !verifiedIds.isEmpty());
                assertThat(verifiedIds).containsExactly(event.eventId().toString());
            }
        } finally {
            TestPostgres.drop(database);
        }
    }

    @Test
    void two_instances_on_one_database_deliver_each_event_once() throws Exception {
        var database = TestPostgres.freshDatabase();
        try (var one = RunningApp.sharing(database, PRIVATE_ALLOWED, Clock.systemUTC());
                var two = RunningApp.sharing(database, PRIVATE_ALLOWED, Clock.systemUTC())) {
            subscribe(one, one.token(UUID.randomUUID(), "ADMIN", "Admin"));
            for (int i = 1; i <= 40; i++) {
                var instance = i % 2 == 0 ? one : two;
                instance.app
                        .webhookEvents()
                        .accept(AppointmentEvents.event(
                                WebhookEventType.BOOKED,
                                AppointmentEvents.number(i),
                                Clock.systemUTC().instant()));
            }

            eventually(() -> verifiedIds.size() >= 40);
            Thread.sleep(1_000);
            assertThat(verifiedIds).hasSize(40).doesNotHaveDuplicates();
        } finally {
            TestPostgres.drop(database);
        }
    }

    @Test
    void a_booking_and_its_cancellation_over_http_reach_the_subscriber_through_the_outbox_in_order() throws Exception {
        try (var app = new RunningApp(PRIVATE_ALLOWED, Clock.systemUTC())) {
            var admin = app.token(UUID.randomUUID(), "ADMIN", "Admin");
            subscribe(app, admin);
            var doctor = app.send("POST", "/api/v1/admin/doctors", admin, """
                    {"name":"Dr. Priya Patel","specialty":"Cardiology","time_zone":"Asia/Kolkata"}""");
            assertThat(doctor.statusCode()).as(doctor.body()).isEqualTo(201);
            var doctorId = json(doctor.body()).at("/data/doctor_id").asText();
            var patient = app.token(UUID.randomUUID(), "PATIENT", "Asha");
            var start = ZonedDateTime.now(ZoneId.of("Asia/Kolkata"))
                    .plusDays(2)
                    .withHour(10)
                    .withMinute(0)
                    .withSecond(0)
                    .withNano(0)
                    .toOffsetDateTime();

            var booked = app.send("POST", "/api/v1/appointments", patient, """
                    {"doctor_id":"%s","appointment_datetime":"%s","appointment_type":"consultation"}""".formatted(doctorId, start));
            assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
            var number = json(booked.body()).at("/data/appointment_id").asText();
            var refused = app.send(
                    "POST", "/api/v1/appointments", app.token(UUID.randomUUID(), "PATIENT", "Ravi"), """
                    {"doctor_id":"%s","appointment_datetime":"%s","appointment_type":"consultation"}""".formatted(
                                    doctorId, start));
            assertThat(refused.statusCode()).isEqualTo(409);
            var cancelled = app.send("POST", "/api/v1/appointments/" + number + "/cancel", patient, "{}");
            assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);

            eventually(() -> verifiedBodies.size() >= 2);
            Thread.sleep(1_500); // time for an event of the refused booking, were there one
            assertThat(verifiedBodies)
                    .extracting(b -> b.get("type").asText())
                    .containsExactly("appointment.booked", "appointment.cancelled");
            assertThat(verifiedBodies)
                    .extracting(b -> b.at("/data/appointment_id").asText())
                    .containsOnly(number);
        }
    }
}
