package com.cureka.appointments.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The booted app over HTTP with real JWTs on real PostgreSQL: the booking guarantees that matter most. */
class EndToEndBookingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static RunningApp clinic;
    private static String admin;

    @BeforeAll
    static void boot() {
        clinic = new RunningApp();
        admin = clinic.token(UUID.randomUUID(), "ADMIN", "Admin");
    }

    @AfterAll
    static void stop() {
        clinic.close();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static String newDoctor(String name) {
        var response = clinic.send(
                "POST",
                "/api/v1/admin/doctors",
                admin,
                "{\"name\":\"" + name + "\",\"specialty\":\"Cardiology\",\"time_zone\":\"Asia/Kolkata\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).at("/data/doctor_id").asText();
    }

    private static String patient() {
        return clinic.token(UUID.randomUUID(), "PATIENT", "Patient");
    }

    private static HttpResponse<String> book(String token, String doctorId, String when, String type) {
        return clinic.send("POST", "/api/v1/appointments", token, """
                {"doctor_id":"%s","appointment_datetime":"%s","appointment_type":"%s"}""".formatted(doctorId, when, type));
    }

    private static String tomorrowAt(int hour, int minute) {
        return OffsetDateTime.ofInstant(RunningApp.NOW, KOLKATA)
                .plusDays(1)
                .withHour(hour)
                .withMinute(minute)
                .format(WIRE);
    }

    private static <T> List<T> inParallel(List<Callable<T>> tasks) throws Exception {
        try (var pool = Executors.newFixedThreadPool(tasks.size())) {
            var results = new ArrayList<T>();
            for (var future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        }
    }

    @Test
    void a_patient_books_and_reads_back_the_appointment_with_the_days_first_number() {
        var doctor = newDoctor("Dr. Priya Patel");
        var token = patient();

        var booked = book(token, doctor, tomorrowAt(14, 30), "consultation");
        var id = json(booked).at("/data/appointment_id").asText();
        var read = clinic.send("GET", "/api/v1/appointments/" + id, token, null);

        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        assertThat(booked.headers().firstValue("Location")).contains("/api/v1/appointments/" + id);
        assertThat(id).matches("AID-20300107-\\d{4,}");
        assertThat(json(booked).at("/data/appointment_details/datetime").asText())
                .isEqualTo(tomorrowAt(14, 30));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).at("/data/appointment_number").asText()).isEqualTo(id);
        assertThat(clinic.send("GET", "/api/v1/appointments/" + id, patient(), null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void twenty_four_patients_racing_for_one_slot_get_exactly_one_201_and_23_slot_unavailable() throws Exception {
        var doctor = newDoctor("Dr. Race");
        var tasks = new ArrayList<Callable<HttpResponse<String>>>();
        for (int i = 0; i < 24; i++) {
            var token = patient();
            tasks.add(() -> book(token, doctor, tomorrowAt(10, 0), "consultation"));
        }

        var responses = inParallel(tasks);

        assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1);
        assertThat(responses)
                .filteredOn(r ->
                        r.statusCode() == 409 && json(r).at("/code").asText().equals("SLOT_UNAVAILABLE"))
                .hasSize(23);
    }

    @Test
    void overlapping_hour_long_bookings_at_quarter_hour_offsets_never_overlap() throws Exception {
        var doctor = newDoctor("Dr. Emergency");
        var tasks = new ArrayList<Callable<HttpResponse<String>>>();
        for (int minutes = 0; minutes < 4 * 60; minutes += 15) {
            var token = patient();
            var when = tomorrowAt(9 + minutes / 60, minutes % 60);
            tasks.add(() -> book(token, doctor, when, "emergency"));
        }

        var responses = inParallel(tasks);
        var starts = responses.stream()
                .filter(r -> r.statusCode() == 201)
                .map(r -> OffsetDateTime.parse(
                                json(r).at("/data/appointment_details/datetime").asText())
                        .toInstant())
                .sorted()
                .toList();

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isIn(201, 409));
        assertThat(starts).isNotEmpty();
        for (int i = 1; i < starts.size(); i++) {
            assertThat(starts.get(i)).isAfterOrEqualTo(starts.get(i - 1).plusSeconds(3600));
        }
    }

    @Test
    void one_patient_booking_two_doctors_at_the_same_instant_gets_one_appointment() throws Exception {
        var first = newDoctor("Dr. One");
        var second = newDoctor("Dr. Two");
        var token = patient();

        var responses = inParallel(List.<Callable<HttpResponse<String>>>of(
                () -> book(token, first, tomorrowAt(11, 0), "consultation"),
                () -> book(token, second, tomorrowAt(11, 0), "consultation")));

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 409);
        assertThat(responses)
                .filteredOn(r -> r.statusCode() == 409)
                .allSatisfy(r -> assertThat(json(r).at("/code").asText()).isEqualTo("PATIENT_CONFLICT"));
    }

    @Test
    void a_booked_slot_leaves_the_listing_and_its_neighbours_that_would_overlap() {
        var doctor = newDoctor("Dr. Listing");
        var date = tomorrowAt(9, 0).substring(0, 10);
        var token = patient();

        book(token, doctor, tomorrowAt(12, 0), "consultation");
        var slots = json(clinic.send("GET", "/api/v1/doctors/" + doctor + "/slots?date=" + date, token, null))
                .at("/data/slots");
        var starts = new ArrayList<String>();
        slots.forEach(s -> starts.add(s.get("start").asText()));

        assertThat(starts)
                .contains(tomorrowAt(11, 30), tomorrowAt(12, 30))
                .doesNotContain(tomorrowAt(11, 45), tomorrowAt(12, 0), tomorrowAt(12, 15));
    }

    @Test
    void a_deactivated_doctor_can_no_longer_be_booked() {
        var doctor = newDoctor("Dr. Leaving");

        var deactivated = clinic.send("DELETE", "/api/v1/admin/doctors/" + doctor, admin, null);
        var booking = book(patient(), doctor, tomorrowAt(15, 0), "consultation");

        assertThat(deactivated.statusCode()).isEqualTo(200);
        assertThat(booking.statusCode()).isEqualTo(404);
        assertThat(json(booking).at("/code").asText()).isEqualTo("DOCTOR_NOT_FOUND");
    }

    @Test
    void appointment_numbers_increase_within_the_day_and_are_never_reused() throws Exception {
        var doctor = newDoctor("Dr. Numbers");
        var tasks = new ArrayList<Callable<HttpResponse<String>>>();
        for (int i = 0; i < 12; i++) {
            var token = patient();
            var when = tomorrowAt(9 + i / 2, (i % 2) * 30);
            tasks.add(() -> book(token, doctor, when, "consultation"));
        }

        var numbers = inParallel(tasks).stream()
                .filter(r -> r.statusCode() == 201)
                .map(r -> json(r).at("/data/appointment_number").asText())
                .toList();

        assertThat(numbers)
                .hasSize(12)
                .doesNotHaveDuplicates()
                .allSatisfy(n -> assertThat(n)
                        .startsWith("AID-"
                                + Instant.parse("2030-01-07T00:00:00Z")
                                        .toString()
                                        .substring(0, 10)
                                        .replace("-", "")));
    }
}
