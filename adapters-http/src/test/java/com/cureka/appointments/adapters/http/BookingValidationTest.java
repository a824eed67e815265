package com.cureka.appointments.adapters.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.UUID;

import static com.cureka.appointments.adapters.http.TestClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

/** Every field code of {@code VALIDATION_ERROR} a booking can earn (API.md, "Error codes"). */
class BookingValidationTest {
    private final TestClinic clinic = TestClinic.open();
    private final String patient = clinic.tokens.patient(UUID.randomUUID());

    @AfterEach
    void close() {
        clinic.close();
    }

    private TestClinic.Response book(String json) {
        var response = clinic.post("/api/v1/appointments", patient, json);
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(response.at("/success").asBoolean()).isFalse();
        return response;
    }

    @Test
    void a_missing_doctor_id_is_required() {
        var response = book("{\"appointment_datetime\": \"2025-09-23T14:30:00+05:30\"}");

        assertThat(response.fieldErrors()).containsExactly("doctor_id:REQUIRED");
        assertThat(response.at("/details/errors/0/message").asText()).isNotBlank();
    }

    @Test
    void a_missing_appointment_time_is_required() {
        var response = book("{\"doctor_id\": \"" + PRIYA + "\"}");

        assertThat(response.fieldErrors()).containsExactly("appointment_datetime:REQUIRED");
    }

    @Test
    void a_doctor_id_that_is_not_a_uuid_has_an_invalid_format() {
        var response = book("{\"doctor_id\": \"dr-priya\", \"appointment_datetime\": \"2025-09-23T14:30:00+05:30\"}");

        assertThat(response.fieldErrors()).containsExactly("doctor_id:INVALID_FORMAT");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({
        "2025-09-23T14:30:00",
        "2025-09-23 14:30",
        "tomorrow at 3",
        "2025-09-23T14:30:00+05:30[Asia/Kolkata]",
        "2025-13-23T14:30:00+05:30"
    })
    void a_time_without_an_offset_or_unparsable_has_an_invalid_format(String datetime) {
        var response = book("{\"doctor_id\": \"" + PRIYA + "\", \"appointment_datetime\": \"" + datetime + "\"}");

        assertThat(response.fieldErrors()).containsExactly("appointment_datetime:INVALID_FORMAT");
    }

    @Test
    void a_time_in_the_past_is_past_datetime() {
        var response =
                book("{\"doctor_id\": \"" + PRIYA + "\", \"appointment_datetime\": \"2025-09-20T14:30:00+05:30\"}");

        assertThat(response.fieldErrors()).containsExactly("appointment_datetime:PAST_DATETIME");
    }

    @Test
    void a_time_less_than_an_hour_ahead_is_too_soon() {
        var response =
                book("{\"doctor_id\": \"" + PRIYA + "\", \"appointment_datetime\": \"2025-09-21T10:30:00+05:30\"}");

        assertThat(response.fieldErrors()).containsExactly("appointment_datetime:TOO_SOON");
    }

    @Test
    void a_time_more_than_sixty_days_ahead_is_too_far_ahead() {
        var response =
                book("{\"doctor_id\": \"" + PRIYA + "\", \"appointment_datetime\": \"2025-11-25T10:00:00+05:30\"}");

        assertThat(response.fieldErrors()).containsExactly("appointment_datetime:TOO_FAR_AHEAD");
    }

    @Test
    void an_unknown_appointment_type_is_an_invalid_type() {
        var response =
                book("{\"doctor_id\": \"" + PRIYA + "\", \"appointment_datetime\": \"2025-09-23T14:30:00+05:30\", "
                        + "\"appointment_type\": \"massage\"}");

        assertThat(response.fieldErrors()).containsExactly("appointment_type:INVALID_TYPE");
        assertThat(response.at("/details/errors/0/message").asText())
                .contains("consultation", "followup", "emergency", "surgery");
    }

    @Test
    void a_number_where_a_string_belongs_is_an_invalid_type() {
        var response = book("{\"doctor_id\": 12345, \"appointment_datetime\": \"2025-09-23T14:30:00+05:30\"}");

        assertThat(response.fieldErrors()).containsExactly("doctor_id:INVALID_TYPE");
        assertThat(response.at("/details/errors/0/message").asText()).isEqualTo("must be a string");
    }

    @Test
    void notes_longer_than_500_characters_are_too_long() {
        var response =
                book("{\"doctor_id\": \"" + PRIYA + "\", \"appointment_datetime\": \"2025-09-23T14:30:00+05:30\", "
                        + "\"notes\": \"" + "x".repeat(501) + "\"}");

        assertThat(response.fieldErrors()).containsExactly("notes:TOO_LONG");
        assertThat(response.at("/details/errors/0/message").asText()).isEqualTo("must be at most 500 characters");
        assertThat(response.at("/message").asText())
                .as("one wrong field: its message is the summary")
                .isEqualTo("must be at most 500 characters");
    }

    @Test
    void notes_of_exactly_500_characters_are_accepted() {
        var response = clinic.post(
                "/api/v1/appointments",
                patient,
                "{\"doctor_id\": \"" + PRIYA
                        + "\", \"appointment_datetime\": \"2025-09-23T14:30:00+05:30\", \"notes\": \"" + "x".repeat(500)
                        + "\"}");

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void a_patient_id_other_than_the_signed_in_patient_is_a_patient_mismatch() {
        var response =
                book("{\"doctor_id\": \"" + PRIYA + "\", \"appointment_datetime\": \"2025-09-23T14:30:00+05:30\", "
                        + "\"patient_id\": \"" + UUID.randomUUID() + "\"}");

        assertThat(response.fieldErrors()).containsExactly("patient_id:PATIENT_MISMATCH");
    }

    @Test
    void a_patient_id_that_is_not_a_uuid_has_an_invalid_format() {
        var response = book("{\"doctor_id\": \"" + PRIYA
                + "\", \"appointment_datetime\": \"2025-09-23T14:30:00+05:30\", " + "\"patient_id\": \"me\"}");

        assertThat(response.fieldErrors()).containsExactly("patient_id:INVALID_FORMAT");
    }

    @Test
    void every_wrong_field_is_reported_at_once() {
        var response = book("{\"doctor_id\": 5, \"appointment_datetime\": \"soon\", \"appointment_type\": \"spa\", "
                + "\"notes\": [\"a\"], \"patient_id\": \"" + UUID.randomUUID() + "\"}");

        assertThat(response.fieldErrors())
                .containsExactlyInAnyOrder(
                        "doctor_id:INVALID_TYPE",
                        "appointment_datetime:INVALID_FORMAT",
                        "appointment_type:INVALID_TYPE",
                        "notes:INVALID_TYPE",
                        "patient_id:PATIENT_MISMATCH");
    }

    @Test
    void a_missing_doctor_and_time_are_both_reported() {
        var response = book("{}");

        assertThat(response.fieldErrors())
                .containsExactlyInAnyOrder("doctor_id:REQUIRED", "appointment_datetime:REQUIRED");
        assertThat(response.at("/message").asText()).isEqualTo("The request is not valid");
    }
}
