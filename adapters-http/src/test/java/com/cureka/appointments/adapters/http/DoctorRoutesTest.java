package com.cureka.appointments.adapters.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.UUID;

import static com.cureka.appointments.adapters.http.TestClinic.ARJUN;
import static com.cureka.appointments.adapters.http.TestClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

class DoctorRoutesTest {
    private final TestClinic clinic = TestClinic.open();
    private final String patient = clinic.tokens.patient(UUID.randomUUID());

    @AfterEach
    void close() {
        clinic.close();
    }

    @Test
    void any_signed_in_user_lists_the_active_doctors_by_name() {
        var response = clinic.get("/api/v1/doctors", clinic.tokens.doctor(ARJUN.value()));

        assertThat(response.status()).isEqualTo(200);
        var items = response.at("/data/items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("name").asText()).isEqualTo("Dr. Arjun Rao");
        assertThat(items.get(1).get("doctor_id").asText()).isEqualTo(PRIYA.toString());
        assertThat(items.get(1).get("specialty").asText()).isEqualTo("Cardiology");
        assertThat(items.get(1).get("time_zone").asText()).isEqualTo("Asia/Kolkata");
    }

    @Test
    void doctors_can_be_filtered_by_specialty_ignoring_case() {
        var response = clinic.get("/api/v1/doctors?specialty=cardiology", patient);

        assertThat(response.at("/data/items")).hasSize(1);
        assertThat(response.at("/data/items/0/name").asText()).isEqualTo("Dr. Priya Patel");
    }

    @Test
    void one_doctor_is_read_by_id() {
        var response = clinic.get("/api/v1/doctors/" + PRIYA, patient);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.at("/data/doctor_id").asText()).isEqualTo(PRIYA.toString());
        assertThat(response.at("/data/name").asText()).isEqualTo("Dr. Priya Patel");
        assertThat(response.at("/data/specialty").asText()).isEqualTo("Cardiology");
        assertThat(response.at("/data/time_zone").asText()).isEqualTo("Asia/Kolkata");
        assertThat(response.at("/data").has("email")).isFalse();
    }

    @Test
    void an_unknown_or_malformed_doctor_id_is_doctor_not_found() {
        var unknown = clinic.get("/api/v1/doctors/" + UUID.randomUUID(), patient);
        var malformed = clinic.get("/api/v1/doctors/priya", patient);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("DOCTOR_NOT_FOUND");
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.code()).isEqualTo("DOCTOR_NOT_FOUND");
    }

    @Test
    void the_free_slots_of_a_day_are_listed_in_the_doctors_time_zone() {
        var response = clinic.get(
                "/api/v1/doctors/" + PRIYA + "/slots?date=2025-09-23&appointment_type=consultation", patient);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.at("/data/doctor_id").asText()).isEqualTo(PRIYA.toString());
        assertThat(response.at("/data/date").asText()).isEqualTo("2025-09-23");
        assertThat(response.at("/data/appointment_type").asText()).isEqualTo("consultation");
        assertThat(response.at("/data/time_zone").asText()).isEqualTo("Asia/Kolkata");
        var slots = response.at("/data/slots");
        assertThat(slots).hasSize(35); // 09:00 to 17:30 every 15 minutes
        assertThat(slots.get(0).get("start").asText()).isEqualTo("2025-09-23T09:00:00+05:30");
        assertThat(slots.get(0).get("end").asText()).isEqualTo("2025-09-23T09:30:00+05:30");
        assertThat(slots.get(34).get("start").asText()).isEqualTo("2025-09-23T17:30:00+05:30");
    }

    @Test
    void a_booked_time_is_no_longer_offered() {
        clinic.bookAt(clinic.tokens.patient(UUID.randomUUID()), "2025-09-23T14:30:00+05:30");

        var response = clinic.get("/api/v1/doctors/" + PRIYA + "/slots?date=2025-09-23", patient);

        var starts = new ArrayList<String>();
        response.at("/data/slots").forEach(s -> starts.add(s.get("start").asText()));
        assertThat(starts)
                .hasSize(32)
                .doesNotContain("2025-09-23T14:15:00+05:30", "2025-09-23T14:30:00+05:30", "2025-09-23T14:45:00+05:30");
    }

    @Test
    void today_only_offers_slots_at_least_an_hour_ahead() {
        var response = clinic.get("/api/v1/doctors/" + PRIYA + "/slots?date=2025-09-21", patient);

        assertThat(response.at("/data/slots/0/start").asText()).isEqualTo("2025-09-21T11:00:00+05:30");
    }

    @Test
    void the_appointment_type_sets_the_length_of_the_listed_slots() {
        var response =
                clinic.get("/api/v1/doctors/" + PRIYA + "/slots?date=2025-09-23&appointment_type=followup", patient);

        assertThat(response.at("/data/slots/0/end").asText()).isEqualTo("2025-09-23T09:20:00+05:30");
    }

    @Test
    void the_slots_query_is_validated() {
        var missing = clinic.get("/api/v1/doctors/" + PRIYA + "/slots", patient);
        var malformed = clinic.get("/api/v1/doctors/" + PRIYA + "/slots?date=23-09-2025", patient);
        var impossible = clinic.get("/api/v1/doctors/" + PRIYA + "/slots?date=2025-02-30", patient);
        var unknownType =
                clinic.get("/api/v1/doctors/" + PRIYA + "/slots?date=2025-09-23&appointment_type=spa", patient);

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.fieldErrors()).containsExactly("date:REQUIRED");
        assertThat(malformed.fieldErrors()).containsExactly("date:INVALID_FORMAT");
        assertThat(impossible.fieldErrors()).containsExactly("date:INVALID_FORMAT");
        assertThat(unknownType.fieldErrors()).containsExactly("appointment_type:INVALID_TYPE");
    }

    @Test
    void the_slots_of_an_unknown_doctor_are_doctor_not_found() {
        var response = clinic.get("/api/v1/doctors/" + UUID.randomUUID() + "/slots?date=2025-09-23", patient);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("DOCTOR_NOT_FOUND");
    }
}
