package com.cureka.appointments.adapters.http;

import com.cureka.appointments.application.port.appointment.AppointmentQuery;
import com.cureka.appointments.application.port.calendar.CalendarBookingRequest;
import com.cureka.appointments.application.port.calendar.CalendarResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.cureka.appointments.adapters.http.TestClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyKeyTest {
    private static final String BOOKINGS = "/api/v1/appointments";
    private static final String BOOKING =
            "{\"doctor_id\": \"" + PRIYA + "\", \"appointment_datetime\": \"2025-09-23T14:30:00+05:30\"}";

    private TestClinic clinic = TestClinic.open();
    private final UUID rajesh = UUID.randomUUID();
    private final String patient = clinic.tokens.patient(rajesh);

    @AfterEach
    void close() {
        clinic.close();
    }

    private int appointmentsStored() {
        return clinic.appointments
                .page(new AppointmentQuery(null, null, null, null, null, AppointmentQuery.MAX_LIMIT, null))
                .size();
    }

    @Test
    void a_retried_booking_gets_the_first_answer_again_and_books_nothing_more() {
        var first = clinic.postWithKey(BOOKINGS, patient, "booking-1", BOOKING);
        var retry = clinic.postWithKey(BOOKINGS, patient, "booking-1", BOOKING);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.text()).isEqualTo(first.text());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Content-Type")).startsWith("application/json");
        assertThat(appointmentsStored()).isEqualTo(1);
    }

    @Test
    void the_same_body_with_other_spacing_and_key_order_is_the_same_request() {
        clinic.postWithKey(BOOKINGS, patient, "booking-1", BOOKING);

        var retry = clinic.postWithKey(
                BOOKINGS,
                patient,
                "booking-1",
                "{ \"appointment_datetime\" : \"2025-09-23T14:30:00+05:30\",\n  \"doctor_id\":\"" + PRIYA + "\" }");

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void the_same_key_with_a_different_body_is_refused() {
        clinic.postWithKey(BOOKINGS, patient, "booking-1", BOOKING);

        var other = clinic.postWithKey(BOOKINGS, patient, "booking-1", BOOKING.replace("14:30", "15:30"));

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(appointmentsStored()).isEqualTo(1);
    }

    @Test
    void keys_belong_to_the_caller_so_another_patients_same_key_books_for_them() {
        var mine = clinic.postWithKey(BOOKINGS, patient, "booking-1", BOOKING);
        var theirs = clinic.postWithKey(
                BOOKINGS, clinic.tokens.patient(UUID.randomUUID()), "booking-1", BOOKING.replace("14:30", "15:30"));

        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
        assertThat(theirs.at("/data/appointment_id").asText())
                .isNotEqualTo(mine.at("/data/appointment_id").asText());
    }

    @Test
    void a_final_refusal_is_kept_and_replayed_too() {
        clinic.bookAt(clinic.tokens.patient(UUID.randomUUID()), "2025-09-23T14:30:00+05:30");

        var first = clinic.postWithKey(BOOKINGS, patient, "booking-1", BOOKING);
        var retry = clinic.postWithKey(BOOKINGS, patient, "booking-1", BOOKING);

        assertThat(first.status()).isEqualTo(409);
        assertThat(first.code()).isEqualTo("SLOT_UNAVAILABLE");
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.text()).isEqualTo(first.text());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void concurrent_duplicates_book_once_and_every_other_answer_is_the_replay_or_in_progress() throws Exception {
        int threads = 8;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var answers = new ArrayList<Future<TestClinic.Response>>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return clinic.postWithKey(BOOKINGS, patient, "same-key", BOOKING);
                }));
            }
            start.countDown();
            var created = new ArrayList<TestClinic.Response>();
            var others = new ArrayList<TestClinic.Response>();
            for (var answer : answers) {
                var response = answer.get(20, TimeUnit.SECONDS);
                (response.status() == 201 && response.header("Idempotent-Replayed") == null ? created : others)
                        .add(response);
            }

            assertThat(created).hasSize(1);
            assertThat(appointmentsStored()).isEqualTo(1);
            for (var other : others) {
                if (other.status() == 409) {
                    assertThat(other.code()).isEqualTo("IDEMPOTENCY_IN_PROGRESS");
                } else {
                    assertThat(other.status()).isEqualTo(201);
                    assertThat(other.header("Idempotent-Replayed")).isEqualTo("true");
                    assertThat(other.text()).isEqualTo(created.getFirst().text());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_request_still_being_carried_out_answers_in_progress() throws Exception {
        var inCalendar = new CountDownLatch(1);
        var letGo = new CountDownLatch(1);
        clinic.close();
        clinic = TestClinic.open(TestClinic.Options.standard().withCalendar(new ForwardingCalendar() {
            @Override
            public CalendarResult book(CalendarBookingRequest request) {
                inCalendar.countDown();
                try {
                    letGo.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.book(request);
            }
        }));
        var token = clinic.tokens.patient(rajesh);
        var pool = Executors.newSingleThreadExecutor();
        try {
            var first = pool.submit(() -> clinic.postWithKey(BOOKINGS, token, "slow", BOOKING));
            assertThat(inCalendar.await(10, TimeUnit.SECONDS)).isTrue();

            var duplicate = clinic.postWithKey(BOOKINGS, token, "slow", BOOKING);
            letGo.countDown();

            assertThat(duplicate.status()).isEqualTo(409);
            assertThat(duplicate.code()).isEqualTo("IDEMPOTENCY_IN_PROGRESS");
            assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
        } finally {
            letGo.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void a_calendar_outage_gives_the_key_back_so_the_retry_is_carried_out() {
        var calls = new AtomicInteger();
        clinic.close();
        clinic = TestClinic.open(TestClinic.Options.standard().withCalendar(new ForwardingCalendar() {
            @Override
            public CalendarResult book(CalendarBookingRequest request) {
                return calls.incrementAndGet() == 1
                        ? new CalendarResult.Unavailable(Duration.ofSeconds(1), false, "connection refused")
                        : super.book(request);
            }
        }));
        var token = clinic.tokens.patient(rajesh);

        var failed = clinic.postWithKey(BOOKINGS, token, "booking-1", BOOKING);
        var retry = clinic.postWithKey(BOOKINGS, token, "booking-1", BOOKING);

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.code()).isEqualTo("CAL_COM_ERROR");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(appointmentsStored()).isEqualTo(1);
    }

    @Test
    void an_unexpected_failure_gives_the_key_back_too() {
        var calls = new AtomicInteger();
        clinic.close();
        clinic = TestClinic.open(TestClinic.Options.standard().withCalendar(new ForwardingCalendar() {
            @Override
            public CalendarResult book(CalendarBookingRequest request) {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("bug in the calendar adapter");
                }
                return super.book(request);
            }
        }));
        var token = clinic.tokens.patient(rajesh);

        var failed = clinic.postWithKey(BOOKINGS, token, "booking-1", BOOKING);
        var retry = clinic.postWithKey(BOOKINGS, token, "booking-1", BOOKING);

        assertThat(failed.status()).isEqualTo(500);
        assertThat(retry.status()).isEqualTo(201);
    }

    @Test
    void a_rate_limited_attempt_is_not_kept_so_the_key_is_free_for_a_later_retry() {
        for (int i = 0; i < 5; i++) {
            clinic.bookAt(patient, "2025-09-23T20:00:00+05:30");
        }

        var limited = clinic.postWithKey(BOOKINGS, patient, "booking-1", BOOKING);
        var otherBodySameKey = clinic.postWithKey(BOOKINGS, patient, "booking-1", BOOKING.replace("14:30", "15:30"));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(otherBodySameKey.code())
                .as("not IDEMPOTENCY_KEY_REUSED: nothing was kept")
                .isEqualTo("RATE_LIMITED");
    }

    @Test
    void an_invalid_request_is_refused_before_the_key_is_used() {
        var invalid = clinic.postWithKey(BOOKINGS, patient, "booking-1", "{\"doctor_id\": \"" + PRIYA + "\"}");
        var valid = clinic.postWithKey(BOOKINGS, patient, "booking-1", BOOKING);

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(valid.status()).isEqualTo(201);
        assertThat(valid.header("Idempotent-Replayed")).isNull();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "tab\there"})
    void a_malformed_key_is_a_validation_error_of_the_header(String key) {
        var response = clinic.postWithKey(BOOKINGS, patient, key, BOOKING);

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(response.fieldErrors()).containsExactly("Idempotency-Key:INVALID_FORMAT");
        assertThat(appointmentsStored()).isZero();
    }

    @Test
    void a_key_with_bytes_outside_ascii_is_a_validation_error_of_the_header() throws Exception {
        // java.net.http would turn "é" into "?", so the bytes go out on a plain socket.
        byte[] body = BOOKING.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + BOOKINGS + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + patient
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\nIdempotency-Key: cl\u00e9\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        var uri = clinic.uri("/");
        String answer;
        try (var socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head);
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(answer)
                .startsWith("HTTP/1.1 400")
                .contains("\"field\":\"Idempotency-Key\"")
                .contains("INVALID_FORMAT");
        assertThat(appointmentsStored()).isZero();
    }

    @Test
    void a_key_is_at_most_255_characters() {
        var longest = clinic.postWithKey(BOOKINGS, patient, "k".repeat(255), BOOKING);
        var tooLong = clinic.postWithKey(BOOKINGS, patient, "k".repeat(256), BOOKING);

        assertThat(longest.status()).isEqualTo(201);
        assertThat(tooLong.fieldErrors()).containsExactly("Idempotency-Key:INVALID_FORMAT");
    }

    @Test
    void a_key_problem_is_reported_with_the_bodys_field_problems() {
        var response = clinic.postWithKey(BOOKINGS, patient, "k".repeat(256), "{\"doctor_id\": \"not-a-uuid\"}");

        assertThat(response.fieldErrors())
                .containsExactlyInAnyOrder(
                        "doctor_id:INVALID_FORMAT", "appointment_datetime:REQUIRED", "Idempotency-Key:INVALID_FORMAT");
    }

    @Test
    void a_retried_cancel_gets_its_first_answer_instead_of_invalid_state() {
        var path = clinic.bookAt(patient, "2025-09-23T14:30:00+05:30").header("Location");

        var first = clinic.postWithKey(path + "/cancel", patient, "cancel-1", "{\"reason\": \"Feeling better\"}");
        var retry = clinic.postWithKey(path + "/cancel", patient, "cancel-1", "{\"reason\": \"Feeling better\"}");
        var withoutKey = clinic.post(path + "/cancel", patient, "{}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.text()).isEqualTo(first.text());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(withoutKey.code()).isEqualTo("INVALID_STATE");
    }

    @Test
    void a_cancel_without_a_body_and_one_with_an_empty_object_are_the_same_request() {
        var path = clinic.bookAt(patient, "2025-09-23T14:30:00+05:30").header("Location");

        var first = clinic.send(clinic.request(path + "/cancel", patient)
                .header("Idempotency-Key", "cancel-1")
                .POST(HttpRequest.BodyPublishers.noBody()));
        var retry = clinic.postWithKey(path + "/cancel", patient, "cancel-1", "{ }");

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.text()).isEqualTo(first.text());
    }

    @Test
    void a_retried_reschedule_gets_its_first_answer() {
        var path = clinic.bookAt(patient, "2025-09-23T14:30:00+05:30").header("Location");
        String move = "{\"appointment_datetime\": \"2025-09-24T11:00:00+05:30\"}";

        var first = clinic.postWithKey(path + "/reschedule", patient, "move-1", move);
        var retry = clinic.postWithKey(path + "/reschedule", patient, "move-1", move);

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.text()).isEqualTo(first.text());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void one_key_on_two_routes_is_two_keys() {
        var path = clinic.postWithKey(BOOKINGS, patient, "key-1", BOOKING).header("Location");

        var cancel = clinic.postWithKey(path + "/cancel", patient, "key-1", "{}");

        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.header("Idempotent-Replayed")).isNull();
    }
}
