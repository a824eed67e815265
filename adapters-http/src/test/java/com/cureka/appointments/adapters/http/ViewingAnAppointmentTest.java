package com.cureka.appointments.adapters.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.cureka.appointments.adapters.http.TestClinic.ARJUN;
import static com.cureka.appointments.adapters.http.TestClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

class ViewingAnAppointmentTest {
    private final TestClinic clinic = TestClinic.open();
    private final UUID rajesh = UUID.randomUUID();
    private TestClinic.Response booked;
    private String path;

    @BeforeEach
    void rajeshHasAnAppointmentWithDrPatel() {
        booked = clinic.bookAt(clinic.tokens.patient(rajesh), "2025-09-23T14:30:00+05:30");
        assertThat(booked.status()).isEqualTo(201);
        path = booked.header("Location");
    }

    @AfterEach
    void close() {
        clinic.close();
    }

    @Test
    void the_patient_who_booked_it_reads_it_back_in_the_same_shape() {
        var response = clinic.get(path, clinic.tokens.patient(rajesh));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.at("/success").asBoolean()).isTrue();
        // The same shape as the booking's answer, plus the audit trail that GET adds.
        var read = (ObjectNode) response.at("/data").deepCopy();
        assertThat(read.remove("history")).isNotNull();
        assertThat(read).isEqualTo(booked.at("/data"));
    }

    @Test
    void the_appointment_is_shown_with_its_history_starting_with_the_booking() {
        var response = clinic.get(path, clinic.tokens.patient(rajesh));

        var history = response.at("/data/history");
        assertThat(history).hasSize(1);
        var booked = history.get(0);
        assertThat(booked.get("action").asText()).isEqualTo("booked");
        assertThat(booked.get("actor").asText()).isEqualTo("patient:" + rajesh);
        assertThat(booked.get("at").asText()).isEqualTo("2025-09-21T10:00:00+05:30");
        assertThat(booked.get("from_status").isNull()).isTrue();
        assertThat(booked.get("to_status").asText()).isEqualTo("scheduled");
        assertThat(booked.get("from").isNull()).isTrue();
        assertThat(booked.get("to").asText()).isEqualTo("2025-09-23T14:30:00+05:30");
        assertThat(booked.has("reason")).isTrue();
    }

    @Test
    void the_appointments_doctor_reads_it() {
        var response = clinic.get(path, clinic.tokens.doctor(PRIYA.value()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.at("/data/patient/name").asText()).isEqualTo("Rajesh Kumar");
    }

    @Test
    void an_admin_reads_it() {
        var response = clinic.get(path, clinic.tokens.admin());

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void another_patient_is_told_it_does_not_exist_never_that_it_is_forbidden() {
        var response = clinic.get(path, clinic.tokens.patient(UUID.randomUUID()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("APPOINTMENT_NOT_FOUND");
    }

    @Test
    void another_doctor_is_told_it_does_not_exist() {
        var response = clinic.get(path, clinic.tokens.doctor(ARJUN.value()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("APPOINTMENT_NOT_FOUND");
    }

    @Test
    void an_unknown_or_malformed_number_is_appointment_not_found() {
        var unknown = clinic.get("/api/v1/appointments/AID-20250921-9999", clinic.tokens.patient(rajesh));
        var malformed = clinic.get("/api/v1/appointments/12345", clinic.tokens.patient(rajesh));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("APPOINTMENT_NOT_FOUND");
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.code()).isEqualTo("APPOINTMENT_NOT_FOUND");
    }
}
