package com.cureka.appointments.adapters.http;

import com.cureka.appointments.domain.kernel.TimeSlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.cureka.appointments.adapters.http.TestClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

/** API.md: text never contains NUL (U+0000) or a lone surrogate; such text is INVALID_FORMAT, never a 500. */
class UnacceptableTextTest {
    /** A NUL and a lone high surrogate, as a JSON client writes them. */
    private static final String NUL = "\\u0000";

    private static final String LONE_SURROGATE = "\\ud800";

    private final TestClinic clinic = TestClinic.open();
    private final String admin = clinic.tokens.admin();
    private final String patient = clinic.tokens.patient(UUID.randomUUID());

    @AfterEach
    void close() {
        clinic.close();
    }

    private static void assertInvalidFormat(TestClinic.Response response, String field) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(response.fieldErrors()).contains(field + ":INVALID_FORMAT");
    }

    private TestClinic.Response book(String notes) {
        return clinic.book(
                patient, "\"appointment_datetime\": \"2025-09-23T14:30:00+05:30\", \"notes\": \"call " + notes + "\"");
    }

    @Test
    void a_nul_in_the_notes_of_a_booking_is_a_validation_error() {
        assertInvalidFormat(book(NUL), "notes");
        assertThat(clinic.appointments.holdingSlotsOfDoctor(
                        PRIYA, new TimeSlot(TestClinic.NOW, TestClinic.NOW.plusSeconds(86_400 * 10))))
                .isEmpty();
    }

    @Test
    void a_lone_surrogate_in_the_notes_of_a_booking_is_a_validation_error() {
        assertInvalidFormat(book(LONE_SURROGATE), "notes");
    }

    @Test
    void a_surrogate_pair_is_a_character_like_any_other() {
        var response = book("\\ud83d\\ude00");

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(response.at("/data/appointment_details/notes").asText()).isEqualTo("call \uD83D\uDE00");
    }

    @Test
    void a_nul_in_the_reason_of_a_reschedule_or_a_cancel_is_a_validation_error() {
        var id = clinic.bookAt(patient, "2025-09-23T14:30:00+05:30")
                .at("/data/appointment_id")
                .asText();

        assertInvalidFormat(
                clinic.post(
                        "/api/v1/appointments/" + id + "/reschedule",
                        patient,
                        "{\"appointment_datetime\": \"2025-09-23T15:30:00+05:30\", \"reason\": \"" + NUL + "\"}"),
                "reason");
        assertInvalidFormat(
                clinic.post(
                        "/api/v1/appointments/" + id + "/cancel", patient, "{\"reason\": \"x" + LONE_SURROGATE + "\"}"),
                "reason");
        assertThat(clinic.get("/api/v1/appointments/" + id, patient)
                        .at("/data/status")
                        .asText())
                .isEqualTo("scheduled");
    }

    @Test
    void a_nul_in_a_doctors_name_specialty_or_calendar_user_is_a_validation_error() {
        var response = clinic.post("/api/v1/admin/doctors", admin, """
                {"name": "Dr. %1$s", "specialty": "Cardio%1$s", "time_zone": "Asia/Kolkata",
                 "cal_com": {"username": "pri%2$sya"}}""".formatted(NUL, LONE_SURROGATE));

        assertThat(response.fieldErrors())
                .containsExactlyInAnyOrder(
                        "name:INVALID_FORMAT", "specialty:INVALID_FORMAT", "cal_com.username:INVALID_FORMAT");
        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void a_nul_in_the_reason_of_a_time_off_is_a_validation_error() {
        assertInvalidFormat(
                clinic.post("/api/v1/admin/doctors/" + PRIYA + "/time-off", admin, """
                        {"from": "2025-10-01T00:00:00+05:30", "to": "2025-10-02T00:00:00+05:30", "reason": "leave%s"}""".formatted(NUL)), "reason");
    }

    @Test
    void a_nul_in_a_working_hours_time_or_weekday_is_a_validation_error() {
        var response = clinic.put(
                "/api/v1/admin/doctors/" + PRIYA + "/working-hours",
                admin,
                "{\"monday\": [{\"start\": \"09:00" + NUL + "\", \"end\": \"13:00\"}], \"tues" + NUL + "day\": []}");

        assertThat(response.fieldErrors())
                .containsExactlyInAnyOrder(
                        "working_hours.monday[0].start:INVALID_FORMAT", "working_hours.tues\uFFFDday:INVALID_FORMAT");
    }

    @Test
    void a_nul_in_a_query_parameter_is_a_validation_error() {
        assertInvalidFormat(clinic.get("/api/v1/doctors?specialty=%00", patient), "specialty");
        assertInvalidFormat(clinic.get("/api/v1/appointments?status=sched%00uled", patient), "status");
        assertInvalidFormat(
                clinic.get("/api/v1/doctors/" + PRIYA + "/slots?date=2025-09-23&appointment_type=%00", patient),
                "appointment_type");
    }

    @Test
    void an_anonymous_caller_hears_401_before_anything_about_the_query() {
        assertThat(clinic.get("/api/v1/doctors?specialty=%00", null).status()).isEqualTo(401);
    }
}
