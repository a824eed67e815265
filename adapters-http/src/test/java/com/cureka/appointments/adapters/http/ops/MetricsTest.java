package com.cureka.appointments.adapters.http.ops;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsTest {
    private static final String TUESDAY_2_30_PM = "2025-09-23T14:30:00+05:30";

    private final OperationsServer server = OperationsServer.open();
    private final String token = OperationsServer.patientToken(UUID.randomUUID());

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void metrics_are_prometheus_text_without_a_token() {
        var response = server.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    }

    @Test
    void a_request_is_timed_under_its_route_template_never_its_raw_path() {
        assertThat(server.get("/api/v1/doctors/" + OperationsServer.PRIYA, token)
                        .statusCode())
                .isEqualTo(200);

        var text = awaitMetrics("route=\"/api/v1/doctors/{doctor_id}\"");

        assertThat(text)
                .contains(
                        "http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/doctors/{doctor_id}\",status=\"200\"} 1");
        assertThat(text)
                .contains(
                        "http_server_requests_seconds_bucket{method=\"GET\",route=\"/api/v1/doctors/{doctor_id}\",status=\"200\",le=\"0.5\"}");
        assertThat(text).doesNotContain(OperationsServer.PRIYA.toString());
    }

    @Test
    void a_request_refused_before_its_handler_still_counts_under_its_route() {
        assertThat(server.get("/api/v1/doctors/" + OperationsServer.PRIYA).statusCode())
                .isEqualTo(401);

        assertThat(awaitMetrics("status=\"401\""))
                .contains(
                        "http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/doctors/{doctor_id}\",status=\"401\"} 1");
    }

    @Test
    void a_path_that_matches_no_route_counts_as_unmatched() {
        assertThat(server.get("/no/such/" + UUID.randomUUID()).statusCode()).isEqualTo(404);

        assertThat(awaitMetrics("status=\"404\""))
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"} 1");
    }

    @Test
    void bookings_are_counted_by_outcome() {
        assertThat(server.book(token, TUESDAY_2_30_PM, "").statusCode()).isEqualTo(201);
        var other = OperationsServer.patientToken(UUID.randomUUID());
        assertThat(server.book(other, TUESDAY_2_30_PM, "").statusCode()).isEqualTo(409);
        assertThat(server.book(other, "2025-09-20T14:30:00+05:30", "").statusCode())
                .isEqualTo(400);

        var text = awaitMetrics("outcome=\"VALIDATION_ERROR\"");

        assertThat(text).contains("bookings_total{outcome=\"created\"} 1.0");
        assertThat(text).contains("bookings_total{outcome=\"SLOT_UNAVAILABLE\"} 1.0");
        assertThat(text).contains("bookings_total{outcome=\"VALIDATION_ERROR\"} 1.0");
    }

    @Test
    void a_booking_answered_again_for_its_idempotency_key_counts_as_replayed_not_created() {
        String json = "{\"doctor_id\": \"%s\", \"appointment_datetime\": \"%s\"}"
                .formatted(OperationsServer.PRIYA, TUESDAY_2_30_PM);
        for (int i = 0; i < 2; i++) {
            server.send(
                    "/api/v1/appointments",
                    b -> b.header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", "ops-metrics-1")
                            .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        var text = awaitMetrics("outcome=\"replayed\"");

        assertThat(text)
                .contains("bookings_total{outcome=\"created\"} 1.0", "bookings_total{outcome=\"replayed\"} 1.0");
    }

    @Test
    void jvm_metrics_appear_once_bound() {
        try (var binding = Metrics.bindJvm(server.registry)) {
            assertThat(server.get("/metrics").body())
                    .contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "process_cpu_usage", "jvm_gc_");
        }
    }

    /**
     * The metrics of a request are recorded just after its response is sent, so a scrape right after may
     * not show them yet.
     */
    private String awaitMetrics(String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        HttpResponse<String> response;
        do {
            response = server.get("/metrics");
        } while (!response.body().contains(expected) && System.nanoTime() < deadline);
        return response.body();
    }
}
