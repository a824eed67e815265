package com.cureka.appointments.bootstrap;

import com.cureka.appointments.adapters.calcom.fake.FakeCalCom;
import com.cureka.appointments.adapters.calcom.fake.FakeCalComWebhooks;
import com.cureka.appointments.testkit.time.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Booking through Cal.com (the stateful fake over real HTTP) on real PostgreSQL: every failure answers 503,
 * never 500, and after a reconcile run both sides agree, with no orphan booking and no lost row.
 */
class CalComEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final AtomicLong EVENT_TYPE_IDS = new AtomicLong(100);
    private static final MutableClock clock = new MutableClock(RunningApp.NOW);
    private static FakeCalCom calcom;
    private static RunningApp clinic;
    private static String admin;
    private static final String WEBHOOK_SECRET = "whsec-end-to-end";
    private static FakeCalComWebhooks webhooks;

    private String doctorId;
    private String username;
    private long eventTypeId;

    @BeforeAll
    static void boot() {
        calcom = FakeCalCom.start(clock);
        clinic = new RunningApp(
                Map.of(
                        "CAL_COM_API_KEY",
                        calcom.apiKey(),
                        "CAL_COM_BASE_URL",
                        calcom.baseUrl(),
                        "CALENDAR_TIMEOUT_SECONDS",
                        "2",
                        "RATE_LIMIT_BOOKINGS_PER_MINUTE",
                        "1000",
                        "CAL_COM_WEBHOOK_SECRET",
                        WEBHOOK_SECRET),
                clock);
        webhooks = new FakeCalComWebhooks(calcom, WEBHOOK_SECRET);
        admin = clinic.token(UUID.randomUUID(), "ADMIN", "Admin");
    }

    @AfterAll
    static void stop() {
        clinic.close();
        calcom.close();
    }

    @BeforeEach
    void aDoctorWithACalComAccount() {
        username = "doctor-" + UUID.randomUUID().toString().substring(0, 8);
        eventTypeId = EVENT_TYPE_IDS.incrementAndGet();
        calcom.addHost(username, "Dr. " + username, KOLKATA, LocalTime.of(9, 0), LocalTime.of(18, 0));
        calcom.addEventType(eventTypeId, "30-min", 30, username, "https://meet.example/" + username);
        var created =
                clinic.send("POST", "/api/v1/admin/doctors", admin, """
                {"name":"Dr. %s","specialty":"Cardiology","time_zone":"Asia/Kolkata",
                 "cal_com":{"username":"%s","event_type_ids":{"consultation":%d}}}""".formatted(username, username, eventTypeId));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        doctorId = json(created).at("/data/doctor_id").asText();
        calcom.clearCalls();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static String tomorrowAt(int hour, int minute) {
        return OffsetDateTime.ofInstant(clock.instant(), KOLKATA)
                .plusDays(1)
                .withHour(hour)
                .withMinute(minute)
                .withSecond(0)
                .withNano(0)
                .format(WIRE);
    }

    private HttpResponse<String> book(String token, String when) {
        return clinic.send("POST", "/api/v1/appointments", token, """
                {"doctor_id":"%s","appointment_datetime":"%s","appointment_type":"consultation"}""".formatted(doctorId, when));
    }

    private static String patient() {
        return clinic.token(UUID.randomUUID(), "PATIENT", "Patient");
    }

    private static JsonNode reconcile() {
        var response = clinic.send("POST", "/api/v1/admin/jobs/reconcile/run", admin, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).at("/data/counts");
    }

    private HttpResponse<String> appointment(String id) {
        return clinic.send("GET", "/api/v1/appointments/" + id, admin, null);
    }

    private long liveCalComBookingsOfThisDoctor() {
        return calcom.liveBookings().stream()
                .filter(b -> b.eventTypeId() == eventTypeId)
                .count();
    }

    /** Lets the stale-hold threshold (calendar timeout plus a margin) pass. */
    private static void laterOn() {
        clock.advance(Duration.ofMinutes(5));
    }

    @Test
    void booking_through_calcom_sends_exactly_one_create_with_the_right_headers_and_our_metadata() {
        var response = book(patient(), tomorrowAt(10, 0));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        var creates = calcom.calls("POST", "/v2/bookings");
        assertThat(creates).hasSize(1);
        var call = creates.getFirst();
        assertThat(call.header("cal-api-version")).isEqualTo("2024-08-13");
        assertThat(call.header("Authorization")).isEqualTo("Bearer " + calcom.apiKey());
        var number = json(response).at("/data/appointment_number").asText();
        assertThat(call.body()).contains("\"" + number + "\"").contains(doctorId);
        var uid = json(response).at("/data/cal_booking_id").asText();
        assertThat(calcom.booking(uid))
                .hasValueSatisfying(b -> assertThat(b.live()).isTrue());
        assertThat(json(response).at("/data/meeting_links/video_conference_url").asText())
                .startsWith("https://meet.example/");
    }

    @Test
    void a_calcom_server_error_answers_503_with_retry_after_and_leaves_nothing_held() {
        calcom.failNext(500);

        var failed = book(patient(), tomorrowAt(11, 0));
        var retried = book(patient(), tomorrowAt(11, 0));

        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(json(failed).at("/code").asText()).isEqualTo("CAL_COM_ERROR");
        assertThat(failed.headers().firstValue("Retry-After")).isPresent();
        assertThat(retried.statusCode()).as("the slot was not left held").isEqualTo(201);
        assertThat(liveCalComBookingsOfThisDoctor()).isEqualTo(1);
    }

    @Test
    void a_calcom_rate_limit_answers_503() {
        calcom.rateLimitNext();

        var response = book(patient(), tomorrowAt(11, 30));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).at("/code").asText()).isEqualTo("CAL_COM_ERROR");
        assertThat(liveCalComBookingsOfThisDoctor()).isZero();
    }

    @Test
    void an_answer_slower_than_the_timeout_is_503_and_reconcile_confirms_the_booking_calcom_made() {
        calcom.delayNext(Duration.ofSeconds(4));

        var response = book(patient(), tomorrowAt(12, 0));
        laterOn();
        var counts = reconcile();

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(counts.get("pending_confirmed").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(liveCalComBookingsOfThisDoctor()).isEqualTo(1);
        var uid = calcom.liveBookings().stream()
                .filter(b -> b.eventTypeId() == eventTypeId)
                .findFirst()
                .orElseThrow()
                .uid();
        var list = json(clinic.send("GET", "/api/v1/appointments?status=scheduled&limit=100", admin, null))
                .at("/data/items");
        assertThat(list.findValuesAsText("cal_booking_id")).contains(uid);
    }

    @Test
    void a_connection_dropped_after_calcom_stored_the_booking_is_503_and_reconcile_confirms_it() {
        calcom.dropConnectionAfterStoringNext();

        var response = book(patient(), tomorrowAt(13, 0));
        laterOn();
        var counts = reconcile();
        var again = book(patient(), tomorrowAt(13, 0));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(counts.get("pending_confirmed").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(again.statusCode())
                .as("the slot stays taken by the confirmed booking")
                .isEqualTo(409);
        assertThat(liveCalComBookingsOfThisDoctor()).isEqualTo(1);
    }

    @Test
    void a_hang_without_a_booking_is_503_and_reconcile_releases_the_hold() {
        calcom.hangNext(Duration.ofSeconds(4));

        var response = book(patient(), tomorrowAt(14, 0));
        laterOn();
        var counts = reconcile();
        var again = book(patient(), tomorrowAt(14, 0));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(counts.get("pending_released").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(liveCalComBookingsOfThisDoctor()).isEqualTo(1);
    }

    @Test
    void a_calcom_booking_carrying_an_unknown_appointment_number_is_cancelled_as_an_orphan() {
        var start = OffsetDateTime.parse(tomorrowAt(15, 0)).toInstant();
        var orphan = calcom.storeBooking(
                eventTypeId, start, Map.of("appointmentNumber", "AID-20300101-9999", "doctorId", doctorId));

        var counts = reconcile();

        assertThat(counts.get("orphans_cancelled").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(calcom.booking(orphan.uid()))
                .hasValueSatisfying(b -> assertThat(b.live()).isFalse());
    }

    @Test
    void cancelling_in_the_app_cancels_in_calcom_too() {
        var token = patient();
        var booked = book(token, tomorrowAt(16, 0));
        var id = json(booked).at("/data/appointment_id").asText();
        var uid = json(booked).at("/data/cal_booking_id").asText();

        var cancelled = clinic.send("POST", "/api/v1/appointments/" + id + "/cancel", token, "{\"reason\":\"better\"}");

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(calcom.booking(uid))
                .hasValueSatisfying(b -> assertThat(b.live()).isFalse());
        assertThat(json(appointment(id)).at("/data/status").asText()).isEqualTo("cancelled");
    }

    @Test
    void slot_listings_offer_only_times_free_in_both_our_database_and_calcom() {
        var busyFrom = OffsetDateTime.parse(tomorrowAt(9, 0)).toInstant();
        calcom.markBusy(username, busyFrom, busyFrom.plus(Duration.ofHours(1)));

        var date = tomorrowAt(9, 0).substring(0, 10);
        var slots = json(clinic.send("GET", "/api/v1/doctors/" + doctorId + "/slots?date=" + date, patient(), null))
                .at("/data/slots");

        assertThat(slots.findValuesAsText("start"))
                .doesNotContain(tomorrowAt(9, 0), tomorrowAt(9, 30))
                .contains(tomorrowAt(10, 0));
        assertThat(calcom.calls("GET", "/v2/slots"))
                .hasSize(1)
                .allSatisfy(c -> assertThat(c.header("cal-api-version")).isEqualTo("2024-09-04"));
    }

    @Test
    void a_cancellation_made_in_calcom_reaches_us_by_signed_webhook_once() {
        var booked = book(patient(), tomorrowAt(17, 0));
        var id = json(booked).at("/data/appointment_id").asText();
        var uid = json(booked).at("/data/cal_booking_id").asText();
        var delivery = webhooks.bookingCancelled(uid);

        var first = delivery.postTo(clinic.baseUrl() + "/webhooks/cal");
        var again = delivery.postTo(clinic.baseUrl() + "/webhooks/cal");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("applied");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        var read = json(appointment(id));
        assertThat(read.at("/data/status").asText()).isEqualTo("cancelled");
        assertThat(read.at("/data/history").findValuesAsText("actor")).contains("calendar:BookingCancelled");
    }

    @Test
    void a_webhook_with_a_bad_signature_is_refused_and_changes_nothing() {
        var booked = book(patient(), tomorrowAt(17, 30));
        var id = json(booked).at("/data/appointment_id").asText();
        var uid = json(booked).at("/data/cal_booking_id").asText();

        var forged =
                webhooks.signedWith("not-the-secret").bookingCancelled(uid).postTo(clinic.baseUrl() + "/webhooks/cal");
        var tampered = webhooks.bookingCancelled(uid).tampered().postTo(clinic.baseUrl() + "/webhooks/cal");

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(json(appointment(id)).at("/data/status").asText()).isEqualTo("scheduled");
    }
}
