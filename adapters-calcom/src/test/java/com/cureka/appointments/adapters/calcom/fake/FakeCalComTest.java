package com.cureka.appointments.adapters.calcom.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fake behaves as CALCOM.md says Cal.com API v2 does, spoken to with a plain HTTP client. */
class FakeCalComTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-03-01T08:00:00Z"), ZoneOffset.UTC);
    private static final String START = "2030-03-05T08:00:00.000Z";

    private final FakeCalCom calcom = FakeCalCom.start(CLOCK)
            .addHost("alice", "Alice Doc", ZoneId.of("Europe/Rome"), LocalTime.of(9, 0), LocalTime.of(12, 0))
            .addEventType(10, "30-min", 30, "alice");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        calcom.close();
    }

    @Test
    void slots_come_per_day_rendered_in_the_requested_time_zone() throws Exception {
        var response =
                get("/slots?eventTypeId=10&start=2030-03-05&end=2030-03-05&timeZone=Europe/Rome", "2024-09-04", true);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("success");
        assertThat(body.get("data").get("2030-03-05")).hasSize(6);
        assertThat(body.get("data").get("2030-03-05").get(0).get("start").asText())
                .isEqualTo("2030-03-05T09:00:00.000+01:00");
    }

    @Test
    void slots_without_the_2024_09_04_version_fall_to_the_legacy_controller_which_has_no_get_slots() throws Exception {
        var missing = get("/slots?eventTypeId=10&start=2030-03-05&end=2030-03-05", null, true);
        var quoted = get("/slots?eventTypeId=10&start=2030-03-05&end=2030-03-05", "\"2024-09-04\"", true);

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(quoted.statusCode()).isEqualTo(404);
        assertThat(json.readTree(missing.body()).get("error").get("message").asText())
                .startsWith("Cannot GET /v2/slots");
    }

    @Test
    void bookings_without_the_2024_08_13_version_get_the_legacy_handlers_500() throws Exception {
        var response = post("/bookings", validBooking(START), null);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json.readTree(response.body()).get("error").get("code").asText())
                .isEqualTo("INTERNAL_SERVER_ERROR");
        assertThat(calcom.bookings()).isEmpty();
    }

    @Test
    void a_booking_is_created_with_201_and_the_booking_output_fields_in_order() throws Exception {
        var response = post("/bookings", validBooking(START), "2024-08-13");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode data = json.readTree(response.body()).get("data");
        assertThat(data.get("status").asText()).isEqualTo("accepted");
        assertThat(data.get("start").asText()).isEqualTo(START);
        assertThat(data.get("end").asText()).isEqualTo("2030-03-05T08:30:00.000Z");
        assertThat(data.get("metadata").get("appointmentNumber").asText()).isEqualTo("AID-20300301-0001");
        assertThat(data.fieldNames()).toIterable().startsWith("id", "uid", "title", "description", "hosts", "status");
    }

    @Test
    void a_taken_slot_is_refused_with_cal_coms_400_envelope() throws Exception {
        post("/bookings", validBooking(START), "2024-08-13");

        var second = post("/bookings", validBooking(START), "2024-08-13");

        assertThat(second.statusCode()).isEqualTo(400);
        JsonNode body = json.readTree(second.body());
        assertThat(body.get("status").asText()).isEqualTo("error");
        assertThat(body.get("path").asText()).isEqualTo("/v2/bookings");
        assertThat(body.get("error").get("code").asText()).isEqualTo("BadRequestException");
        assertThat(body.get("error").get("message").asText())
                .isEqualTo("User either already has booking at this time or is not available");
        assertThat(body.get("error").get("details").get("statusCode").asInt()).isEqualTo(400);
        assertThat(second.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void a_booked_slot_disappears_from_the_slots() throws Exception {
        post("/bookings", validBooking(START), "2024-08-13");

        var slots = json.readTree(get("/slots?eventTypeId=10&start=2030-03-05&end=2030-03-05", "2024-09-04", false)
                .body());

        assertThat(slots.get("data").get("2030-03-05").findValuesAsText("start"))
                .doesNotContain(START)
                .hasSize(5);
    }

    @Test
    void unknown_properties_are_refused_as_cal_coms_whitelist_does() throws Exception {
        String body = validBooking(START).replace("{\"start\"", "{\"notes\":\"x\",\"start\"");

        var response = post("/bookings", body, "2024-08-13");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("error").get("message").asText())
                .isEqualTo("notes property is wrong,property notes should not exist");
    }

    @Test
    void metadata_beyond_cal_coms_limits_or_not_a_string_is_refused() throws Exception {
        String longKey = validBooking(START).replace("\"appointmentNumber\"", "\"" + "k".repeat(41) + "\"");
        String number = validBooking(START).replace("\"AID-20300301-0001\"", "42");

        assertThat(post("/bookings", longKey, "2024-08-13").statusCode()).isEqualTo(400);
        var response = post("/bookings", number, "2024-08-13");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("error").get("message").asText())
                .contains("Metadata must have at most 50 keys");
    }

    @Test
    void an_unknown_api_key_is_refused_with_401() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(calcom.baseUrl() + "/bookings"))
                .header("cal-api-version", "2024-08-13")
                .header("Authorization", "Bearer cal_live_nope")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(validBooking(START)))
                .build();

        var response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json.readTree(response.body()).get("error").get("message").asText())
                .isEqualTo("ApiAuthStrategy - api key - Your api key is not valid");
    }

    @Test
    void listing_bookings_needs_authentication_and_answers_a_pagination_object() throws Exception {
        post("/bookings", validBooking(START), "2024-08-13");

        var anonymous = get("/bookings?take=1", "2024-08-13", false);
        var listed = get("/bookings?take=1", "2024-08-13", true);

        assertThat(anonymous.statusCode()).isEqualTo(403);
        JsonNode body = json.readTree(listed.body());
        assertThat(body.get("data")).hasSize(1);
        assertThat(body.get("pagination").get("totalItems").asInt()).isEqualTo(1);
        assertThat(body.get("pagination").get("hasNextPage").asBoolean()).isFalse();
    }

    @Test
    void a_rescheduled_booking_gets_a_new_uid_and_the_old_one_is_cancelled() throws Exception {
        String uid = json.readTree(
                        post("/bookings", validBooking(START), "2024-08-13").body())
                .get("data")
                .get("uid")
                .asText();

        var moved = post("/bookings/" + uid + "/reschedule", "{\"start\":\"2030-03-05T09:00:00.000Z\"}", "2024-08-13");

        assertThat(moved.statusCode()).isEqualTo(201);
        JsonNode data = json.readTree(moved.body()).get("data");
        assertThat(data.get("uid").asText()).isNotEqualTo(uid);
        assertThat(data.get("rescheduledFromUid").asText()).isEqualTo(uid);
        assertThat(calcom.booking(uid).orElseThrow().status()).isEqualTo("cancelled");
    }

    @Test
    void cancelling_twice_is_refused_and_an_unknown_uid_is_not_found() throws Exception {
        String uid = json.readTree(
                        post("/bookings", validBooking(START), "2024-08-13").body())
                .get("data")
                .get("uid")
                .asText();

        var first = post("/bookings/" + uid + "/cancel", "{\"cancellationReason\":\"ill\"}", "2024-08-13");
        var second = post("/bookings/" + uid + "/cancel", "{\"cancellationReason\":\"ill\"}", "2024-08-13");
        var unknown = post("/bookings/nope/cancel", "{}", "2024-08-13");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json.readTree(first.body()).get("data").get("status").asText())
                .isEqualTo("cancelled");
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).get("error").get("message").asText())
                .isEqualTo("Booking with uid=nope not found");
    }

    @Test
    void a_rate_limit_answers_429_with_the_default_named_headers_and_no_retry_after() throws Exception {
        calcom.rateLimitNext();

        var response = get("/bookings", "2024-08-13", true);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("X-RateLimit-Limit-Default")).contains("120");
        assertThat(response.headers().firstValue("X-RateLimit-Remaining-Default"))
                .contains("0");
        assertThat(response.headers().firstValue("X-RateLimit-Reset-Default")).isPresent();
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        assertThat(json.readTree(response.body()).get("error").get("code").asText())
                .isEqualTo("ThrottlerException");
    }

    @Test
    void the_quota_is_enforced_per_key() throws Exception {
        calcom.setRateLimitPerMinute(2);

        get("/bookings", "2024-08-13", true);
        var second = get("/bookings", "2024-08-13", true);
        var third = get("/bookings", "2024-08-13", true);

        assertThat(second.headers().firstValue("X-RateLimit-Remaining-Default")).contains("0");
        assertThat(third.statusCode()).isEqualTo(429);
    }

    @Test
    void a_dropped_connection_after_storing_keeps_the_booking_but_sends_no_answer() {
        calcom.dropConnectionAfterStoringNext();

        assertThatThrownBy(() -> post("/bookings", validBooking(START), "2024-08-13"))
                .isInstanceOf(IOException.class);
        assertThat(calcom.liveBookings()).hasSize(1);
    }

    @Test
    void every_call_is_recorded_with_its_headers_and_body() throws Exception {
        post("/bookings", validBooking(START), "2024-08-13");

        assertThat(calcom.calls()).singleElement().satisfies(call -> {
            assertThat(call.is("POST", "/v2/bookings")).isTrue();
            assertThat(call.header("CAL-API-VERSION")).isEqualTo("2024-08-13");
            assertThat(call.body()).contains("AID-20300301-0001");
        });
    }

    @Test
    void a_configured_latency_delays_every_answer() throws Exception {
        calcom.setLatency(Duration.ofMillis(100));
        long started = System.nanoTime();

        get("/bookings", "2024-08-13", true);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void a_slow_create_stores_its_booking_when_the_wait_ends_even_if_the_caller_gave_up() throws Exception {
        calcom.setCreateLatency(Duration.ofMillis(600));
        var impatient = HttpRequest.newBuilder(URI.create(calcom.baseUrl() + "/bookings"))
                .header("Content-Type", "application/json")
                .header("cal-api-version", "2024-08-13")
                .timeout(Duration.ofMillis(100))
                .POST(HttpRequest.BodyPublishers.ofString(validBooking(START)))
                .build();

        assertThatThrownBy(() -> http.send(impatient, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(calcom.liveBookings())
                .as("not yet: the create is still waiting")
                .isEmpty();
        Thread.sleep(1_000);
        assertThat(calcom.liveBookings()).hasSize(1);
        assertThat(get("/bookings", "2024-08-13", true).statusCode())
                .as("reads are not slowed")
                .isEqualTo(200);
    }

    private String validBooking(String start) {
        return "{\"start\":\"" + start + "\",\"eventTypeId\":10,"
                + "\"attendee\":{\"name\":\"Pat\",\"email\":\"pat@example.com\",\"timeZone\":\"Europe/Rome\"},"
                + "\"metadata\":{\"appointmentNumber\":\"AID-20300301-0001\"}}";
    }

    private HttpResponse<String> get(String path, String version, boolean authenticated) throws Exception {
        var request =
                HttpRequest.newBuilder(URI.create(calcom.baseUrl() + path)).GET();
        if (version != null) {
            request.header("cal-api-version", version);
        }
        if (authenticated) {
            request.header("Authorization", "Bearer " + calcom.apiKey());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String version) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(calcom.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (version != null) {
            request.header("cal-api-version", version);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
