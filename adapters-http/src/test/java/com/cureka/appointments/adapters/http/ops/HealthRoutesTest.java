package com.cureka.appointments.adapters.http.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HealthRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HealthCheck UP = () -> true;
    private static final HealthCheck DOWN = () -> false;
    private static final HealthCheck BROKEN = () -> {
        throw new IllegalStateException("connection refused");
    };

    private final CountDownLatch hangInterrupted = new CountDownLatch(1);
    private final HealthCheck hanging = () -> {
        try {
            Thread.sleep(Duration.ofMinutes(1));
        } catch (InterruptedException e) {
            hangInterrupted.countDown();
            throw e;
        }
        return true;
    };
    private OperationsServer server;

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void the_process_is_live_without_a_token() throws IOException {
        server = OperationsServer.open();

        var response = server.get("/health/live");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()))
                .isEqualTo(JSON.readTree("{\"success\":true,\"data\":{\"status\":\"up\"}}"));
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void ready_when_every_check_is_up_and_each_is_listed() throws IOException {
        server = OperationsServer.open(new HealthChecks(Map.of("database", UP), Map.of("redis", UP, "calendar", UP)));

        var response = server.get("/health/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("""
                {"success": true, "data": {"status": "up", "checks": {"calendar": "up", "database": "up", "redis": "up"}}}
                """));
    }

    @Test
    void still_ready_when_only_informational_checks_fail_and_they_are_reported_down() throws IOException {
        server = OperationsServer.open(
                new HealthChecks(Map.of("database", UP), Map.of("redis", BROKEN, "calendar", DOWN, "slow", hanging)));

        var response = server.get("/health/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        var checks = json(response.body()).at("/data/checks");
        assertThat(checks.get("database").asText()).isEqualTo("up");
        assertThat(checks.get("redis").asText()).isEqualTo("down");
        assertThat(checks.get("calendar").asText()).isEqualTo("down");
        assertThat(checks.get("slow").asText()).isEqualTo("down");
    }

    @Test
    void not_ready_while_the_database_is_unreachable() throws IOException {
        server = OperationsServer.open(new HealthChecks(Map.of("database", DOWN), Map.of("redis", UP)));

        var response = server.get("/health/ready");

        assertThat(response.statusCode()).isEqualTo(503);
        var body = json(response.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("code").asText()).isEqualTo("NOT_READY");
        assertThat(body.at("/details/checks/database").asText()).isEqualTo("down");
        assertThat(body.at("/details/checks/redis").asText()).isEqualTo("up");
    }

    @Test
    void a_fatal_check_that_throws_counts_as_down() {
        server = OperationsServer.open(new HealthChecks(Map.of("database", BROKEN), Map.of()));

        assertThat(server.get("/health/ready").statusCode()).isEqualTo(503);
    }

    @Test
    void a_hanging_database_makes_the_probe_answer_not_ready_within_its_time_bound() throws Exception {
        server = OperationsServer.open(new HealthChecks(Map.of("database", hanging), Map.of("redis", UP)));

        long started = System.nanoTime();
        var response = server.get("/health/ready");
        var took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response.body()).at("/details/checks/database").asText())
                .isEqualTo("down");
        assertThat(took).isLessThan(Operations.CHECK_TIME_BOUND.plusSeconds(2));
        assertThat(hangInterrupted.await(5, TimeUnit.SECONDS))
                .as("the hanging check is interrupted")
                .isTrue();
    }

    @Test
    void checks_run_in_parallel_so_several_slow_ones_take_one_time_bound_not_the_sum() {
        HealthCheck slowButFine = () -> {
            Thread.sleep(400);
            return true;
        };
        server = OperationsServer.open(new HealthChecks(
                Map.of("database", slowButFine), Map.of("redis", slowButFine, "calendar", slowButFine)));
        server.get("/health/live"); // warm-up

        long started = System.nanoTime();
        var response = server.get("/health/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1000));
    }

    private static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }
}
