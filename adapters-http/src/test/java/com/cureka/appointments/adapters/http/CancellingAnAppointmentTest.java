package com.cureka.appointments.adapters.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.UUID;

import static com.cureka.appointments.adapters.http.TestClinic.ARJUN;
import static com.cureka.appointments.adapters.http.TestClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

class CancellingAnAppointmentTest {
    private static final String TUESDAY_2_30_PM = "2025-09-23T14:30:00+05:30";

    private final TestClinic clinic = TestClinic.open();
    private final UUID rajesh = UUID.randomUUID();
    private String path;

    @BeforeEach
    void rajeshHasAnAppointmentWithDrPatel() {
        var booked = clinic.bookAt(clinic.tokens.patient(rajesh), TUESDAY_2_30_PM);
        assertThat(booked.status()).isEqualTo(201);
        path = booked.header("Location");
    }

    @AfterEach
    void close() {
        clinic.close();
    }

    private TestClinic.Response cancel(String token, String json) {
        return clinic.post(path + "/cancel", token, json);
    }

    @Test
    void the_patient_cancels_with_a_reason_and_gets_the_cancelled_appointment_with_its_history() {
        var response = cancel(clinic.tokens.patient(rajesh), "{\"reason\": \"Feeling better\"}");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        var data = response.at("/data");
        assertThat(data.get("status").asText()).isEqualTo("cancelled");
        assertThat(data.at("/appointment_details/status").asText()).isEqualTo("cancelled");
        assertThat(data.get("appointment_id").asText()).isEqualTo(path.substring(path.lastIndexOf('/') + 1));
        var history = data.get("history");
        assertThat(history).hasSize(2);
        assertThat(history.at("/0/action").asText()).isEqualTo("booked");
        var cancelled = history.get(1);
        assertThat(cancelled.get("action").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("actor").asText()).isEqualTo("patient:" + rajesh);
        assertThat(cancelled.get("from_status").asText()).isEqualTo("scheduled");
        assertThat(cancelled.get("to_status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("reason").asText()).isEqualTo("Feeling better");
        assertThat(cancelled.get("at").asText()).isEqualTo("2025-09-21T10:00:00+05:30");
        assertThat(cancelled.get("to").asText()).isEqualTo(TUESDAY_2_30_PM);
    }

    @Test
    void the_reason_is_optional_and_so_is_the_body() {
        var withEmptyObject = clinic.bookAt(clinic.tokens.patient(rajesh), "2025-09-23T10:00:00+05:30")
                .header("Location");

        var noBody = clinic.send(clinic.request(path + "/cancel", clinic.tokens.patient(rajesh))
                .POST(HttpRequest.BodyPublishers.noBody()));
        var emptyObject = clinic.post(withEmptyObject + "/cancel", clinic.tokens.patient(rajesh), "{}");

        assertThat(noBody.status()).as(noBody.text()).isEqualTo(200);
        assertThat(noBody.at("/data/status").asText()).isEqualTo("cancelled");
        assertThat(noBody.at("/data/history/1/reason").isNull()).isTrue();
        assertThat(emptyObject.status()).isEqualTo(200);
    }

    @Test
    void the_cancelled_slot_can_be_booked_again() {
        cancel(clinic.tokens.patient(rajesh), "{}");

        var response = clinic.bookAt(clinic.tokens.patient(UUID.randomUUID()), TUESDAY_2_30_PM);

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void the_appointments_doctor_may_cancel_it() {
        var response = cancel(clinic.tokens.doctor(PRIYA.value()), "{\"reason\": \"Doctor unwell\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.at("/data/history/1/actor").asText()).isEqualTo("doctor:" + PRIYA);
    }

    @Test
    void an_admin_may_cancel_it() {
        assertThat(cancel(clinic.tokens.admin(), "{}").status()).isEqualTo(200);
    }

    @Test
    void cancelling_twice_is_an_invalid_state() {
        cancel(clinic.tokens.patient(rajesh), "{}");

        var again = cancel(clinic.tokens.patient(rajesh), "{}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("INVALID_STATE");
    }

    @Test
    void someone_elses_appointment_is_not_found_and_stays_booked() {
        var otherPatient = cancel(clinic.tokens.patient(UUID.randomUUID()), "{}");
        var otherDoctor = cancel(clinic.tokens.doctor(ARJUN.value()), "{}");

        assertThat(otherPatient.status()).isEqualTo(404);
        assertThat(otherPatient.code()).isEqualTo("APPOINTMENT_NOT_FOUND");
        assertThat(otherDoctor.status()).isEqualTo(404);
        assertThat(otherDoctor.code()).isEqualTo("APPOINTMENT_NOT_FOUND");
        assertThat(clinic.get(path, clinic.tokens.patient(rajesh))
                        .at("/data/status")
                        .asText())
                .isEqualTo("scheduled");
    }

    @Test
    void an_unknown_or_malformed_number_is_not_found() {
        var unknown = clinic.post("/api/v1/appointments/AID-20250921-9999/cancel", clinic.tokens.admin(), "{}");
        var malformed = clinic.post("/api/v1/appointments/42/cancel", clinic.tokens.admin(), "{}");

        assertThat(unknown.code()).isEqualTo("APPOINTMENT_NOT_FOUND");
        assertThat(malformed.code()).isEqualTo("APPOINTMENT_NOT_FOUND");
    }

    @Test
    void a_reason_longer_than_500_characters_is_too_long() {
        var response = cancel(clinic.tokens.patient(rajesh), "{\"reason\": \"" + "x".repeat(501) + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fieldErrors()).containsExactly("reason:TOO_LONG");
    }

    @Test
    void a_reason_that_is_not_a_string_is_an_invalid_type() {
        var response = cancel(clinic.tokens.patient(rajesh), "{\"reason\": 42}");

        assertThat(response.fieldErrors()).containsExactly("reason:INVALID_TYPE");
    }

    @Test
    void field_errors_are_answered_before_a_malformed_number() {
        var response = clinic.post(
                "/api/v1/appointments/42/cancel",
                clinic.tokens.patient(rajesh),
                "{\"reason\": \"" + "x".repeat(501) + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fieldErrors()).containsExactly("reason:TOO_LONG");
    }

    @Test
    void a_body_that_is_sent_must_be_json() {
        var response = clinic.send(clinic.request(path + "/cancel", clinic.tokens.patient(rajesh))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("please cancel")));

        assertThat(response.status()).isEqualTo(415);
    }
}
