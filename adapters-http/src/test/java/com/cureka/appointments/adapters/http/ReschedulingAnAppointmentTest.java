package com.cureka.appointments.adapters.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.UUID;

import static com.cureka.appointments.adapters.http.TestClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

class ReschedulingAnAppointmentTest {
    private static final String TUESDAY_2_30_PM = "2025-09-23T14:30:00+05:30";
    private static final String WEDNESDAY_11_AM = "2025-09-24T11:00:00+05:30";

    private final TestClinic clinic = TestClinic.open();
    private final UUID rajesh = UUID.randomUUID();
    private String path;
    private String number;

    @BeforeEach
    void rajeshHasAnAppointmentWithDrPatel() {
        var booked = clinic.bookAt(clinic.tokens.patient(rajesh), TUESDAY_2_30_PM);
        assertThat(booked.status()).isEqualTo(201);
        path = booked.header("Location");
        number = booked.at("/data/appointment_number").asText();
    }

    @AfterEach
    void close() {
        clinic.close();
    }

    private TestClinic.Response moveTo(String token, String datetime) {
        return clinic.post(path + "/reschedule", token, "{\"appointment_datetime\": \"" + datetime + "\"}");
    }

    @Test
    void the_patient_moves_it_to_a_free_time_and_the_number_stays() {
        var response = moveTo(clinic.tokens.patient(rajesh), WEDNESDAY_11_AM);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.at("/data/appointment_number").asText()).isEqualTo(number);
        assertThat(response.at("/data/status").asText()).isEqualTo("scheduled");
        assertThat(response.at("/data/appointment_details/datetime").asText()).isEqualTo(WEDNESDAY_11_AM);
        var moved = response.at("/data/history/1");
        assertThat(moved.get("action").asText()).isEqualTo("rescheduled");
        assertThat(moved.get("from").asText()).isEqualTo(TUESDAY_2_30_PM);
        assertThat(moved.get("to").asText()).isEqualTo(WEDNESDAY_11_AM);
        assertThat(moved.get("from_status").asText()).isEqualTo("scheduled");
        assertThat(moved.get("to_status").asText()).isEqualTo("scheduled");
        assertThat(clinic.get(path, clinic.tokens.patient(rajesh)).at("/data")).isEqualTo(response.at("/data"));
    }

    @Test
    void the_retry_of_a_move_whose_answer_was_lost_finds_it_moved_and_records_nothing_more() {
        var first = moveTo(clinic.tokens.patient(rajesh), WEDNESDAY_11_AM);

        var retry = moveTo(clinic.tokens.patient(rajesh), WEDNESDAY_11_AM);

        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.status()).as(retry.text()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.at("/data")).isEqualTo(first.at("/data"));
        assertThat(retry.at("/data/history").size()).isEqualTo(2);
    }

    @Test
    void the_old_slot_is_free_once_the_appointment_has_moved() {
        moveTo(clinic.tokens.patient(rajesh), WEDNESDAY_11_AM);

        assertThat(clinic.bookAt(clinic.tokens.patient(UUID.randomUUID()), TUESDAY_2_30_PM)
                        .status())
                .isEqualTo(201);
    }

    @Test
    void appointment_date_time_is_accepted_as_an_alias_and_a_reason_is_kept() {
        var response = clinic.post(
                path + "/reschedule",
                clinic.tokens.patient(rajesh),
                "{\"appointment_date_time\": \"" + WEDNESDAY_11_AM + "\", \"reason\": \"Clashes with work\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.at("/data/appointment_details/datetime").asText()).isEqualTo(WEDNESDAY_11_AM);
        assertThat(response.at("/data/history/1/reason").asText()).isEqualTo("Clashes with work");
    }

    @Test
    void an_admin_may_move_it() {
        assertThat(moveTo(clinic.tokens.admin(), WEDNESDAY_11_AM).status()).isEqualTo(200);
    }

    @Test
    void the_doctor_role_may_not_move_appointments_and_another_patient_is_told_it_does_not_exist() {
        var doctor = moveTo(clinic.tokens.doctor(PRIYA.value()), WEDNESDAY_11_AM);
        var stranger = moveTo(clinic.tokens.patient(UUID.randomUUID()), WEDNESDAY_11_AM);

        assertThat(doctor.status()).isEqualTo(403);
        assertThat(doctor.code()).isEqualTo("FORBIDDEN");
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.code()).isEqualTo("APPOINTMENT_NOT_FOUND");
    }

    @Test
    void a_missing_time_is_required() {
        var response = clinic.post(path + "/reschedule", clinic.tokens.patient(rajesh), "{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fieldErrors()).containsExactly("appointment_datetime:REQUIRED");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2025-09-24T11:00:00, INVALID_FORMAT",
        "2025-09-20T11:00:00+05:30, PAST_DATETIME",
        "2025-09-21T10:30:00+05:30, TOO_SOON",
        "2025-12-01T11:00:00+05:30, TOO_FAR_AHEAD"
    })
    void the_new_time_obeys_the_same_rules_as_a_booking(String datetime, String code) {
        var response = moveTo(clinic.tokens.patient(rajesh), datetime);

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(response.fieldErrors()).containsExactly("appointment_datetime:" + code);
    }

    @Test
    void a_taken_time_is_refused_with_alternatives_and_the_appointment_keeps_its_slot() {
        clinic.bookAt(clinic.tokens.patient(UUID.randomUUID()), WEDNESDAY_11_AM);

        var response = moveTo(clinic.tokens.patient(rajesh), WEDNESDAY_11_AM);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("SLOT_UNAVAILABLE");
        assertThat(response.at("/details/alternative_slots")).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        assertThat(clinic.get(path, clinic.tokens.patient(rajesh))
                        .at("/data/appointment_details/datetime")
                        .asText())
                .isEqualTo(TUESDAY_2_30_PM);
    }

    @Test
    void a_time_outside_working_hours_is_refused_with_alternatives_in_the_doctors_zone() {
        var response = moveTo(clinic.tokens.patient(rajesh), "2025-09-24T20:00:00+05:30");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("OUTSIDE_BUSINESS_HOURS");
        response.at("/details/alternative_slots")
                .forEach(slot -> assertThat(slot.asText()).endsWith("+05:30"));
    }

    @Test
    void a_cancelled_appointment_cannot_be_moved() {
        clinic.post(path + "/cancel", clinic.tokens.patient(rajesh), "{}");

        var response = moveTo(clinic.tokens.patient(rajesh), WEDNESDAY_11_AM);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("INVALID_STATE");
    }

    @Test
    void the_body_is_required() {
        var response = clinic.post(path + "/reschedule", clinic.tokens.patient(rajesh), "");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fieldErrors()).containsExactly("body:REQUIRED");
    }
}
