package com.cureka.appointments.bootstrap;

import com.cureka.appointments.adapters.redis.testsupport.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** Two app instances behind one load balancer, sharing one PostgreSQL and one Redis (real servers). */
class TwoInstancesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static RunningApp first;
    private static RunningApp second;
    private static String admin;

    @BeforeAll
    static void boot() {
        var shared = Map.of(
                "REDIS_URL", TestRedis.url(), "RATE_LIMIT_BOOKINGS_PER_MINUTE", "5", "MAX_APPTS_PER_PATIENT", "50");
        first = new RunningApp(shared, Clock.fixed(RunningApp.NOW, ZoneOffset.UTC));
        second = RunningApp.sharing(first.database, shared, first.clock);
        admin = first.token(UUID.randomUUID(), "ADMIN", "Admin");
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static String newDoctor() {
        var response = first.send(
                "POST",
                "/api/v1/admin/doctors",
                admin,
                "{\"name\":\"Dr. Shared\",\"specialty\":\"Cardiology\",\"time_zone\":\"Asia/Kolkata\"}");
        return json(response).at("/data/doctor_id").asText();
    }

    private static String at(int dayOffset, int hour, int minute) {
        return OffsetDateTime.ofInstant(RunningApp.NOW, KOLKATA)
                .plusDays(dayOffset)
                .withHour(hour)
                .withMinute(minute)
                .format(WIRE);
    }

    private static String body(String doctor, String when) {
        return "{\"doctor_id\":\"%s\",\"appointment_datetime\":\"%s\"}".formatted(doctor, when);
    }

    private static String patient() {
        return first.token(UUID.randomUUID(), "PATIENT", "Patient");
    }

    @Test
    void the_rate_limit_is_one_budget_across_instances() {
        var doctor = newDoctor();
        var token = patient();
        var answers = new ArrayList<HttpResponse<String>>();
        for (int i = 0; i < 6; i++) {
            var instance = i % 2 == 0 ? first : second;
            answers.add(instance.send("POST", "/api/v1/appointments", token, body(doctor, at(1, 9 + i, 0))));
        }

        assertThat(answers.subList(0, 5))
                .allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(201));
        var sixth = answers.get(5);
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(json(sixth).at("/code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(sixth.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
    }

    @Test
    void an_idempotency_key_used_on_one_instance_is_replayed_by_the_other() {
        var doctor = newDoctor();
        var token = patient();
        var key = Map.of("Idempotency-Key", "retry-" + UUID.randomUUID());

        var original = first.send("POST", "/api/v1/appointments", token, body(doctor, at(2, 10, 0)), key);
        var retried = second.send("POST", "/api/v1/appointments", token, body(doctor, at(2, 10, 0)), key);
        var changed = second.send("POST", "/api/v1/appointments", token, body(doctor, at(2, 11, 0)), key);

        assertThat(original.statusCode()).isEqualTo(201);
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(json(retried).at("/data/appointment_id"))
                .isEqualTo(json(original).at("/data/appointment_id"));
        assertThat(changed.statusCode()).isEqualTo(422);
        assertThat(json(changed).at("/code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void a_booking_on_one_instance_leaves_the_cached_listing_of_the_other() {
        var doctor = newDoctor();
        var date = at(3, 9, 0).substring(0, 10);
        var token = patient();
        var path = "/api/v1/doctors/" + doctor + "/slots?date=" + date;

        var before =
                json(first.send("GET", path, token, null)).at("/data/slots").findValuesAsText("start");
        second.send("POST", "/api/v1/appointments", token, body(doctor, at(3, 12, 0)));
        var after = json(first.send("GET", path, token, null)).at("/data/slots").findValuesAsText("start");

        assertThat(before).contains(at(3, 12, 0));
        assertThat(after).doesNotContain(at(3, 12, 0)).hasSize(before.size() - 3);
    }

    @Test
    void patients_racing_through_both_instances_for_one_slot_get_exactly_one_booking() throws Exception {
        var doctor = newDoctor();
        var tasks = new ArrayList<Callable<HttpResponse<String>>>();
        for (int i = 0; i < 24; i++) {
            var instance = i % 2 == 0 ? first : second;
            var token = patient();
            tasks.add(() -> instance.send("POST", "/api/v1/appointments", token, body(doctor, at(4, 15, 0))));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(24)) {
            for (var f : pool.invokeAll(tasks)) {
                answers.add(f.get());
            }
        }

        assertThat(answers).filteredOn(r -> r.statusCode() == 201).hasSize(1);
        assertThat(answers).filteredOn(r -> r.statusCode() == 409).hasSize(23);
    }
}
