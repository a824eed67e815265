package com.cureka.appointments.adapters.http;

import com.cureka.appointments.domain.doctor.Doctor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.cureka.appointments.adapters.http.TestClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

class ChangingADoctorsScheduleTest {
    private static final String PRIYAS_HOURS = "/api/v1/admin/doctors/" + PRIYA + "/working-hours";
    private static final String PRIYAS_TIME_OFF = "/api/v1/admin/doctors/" + PRIYA + "/time-off";
    private static final String MORNINGS_ONLY = """
            {"monday": [{"start": "09:00", "end": "13:00"}], "tuesday": [{"start": "09:00", "end": "13:00"}],
             "wednesday": [{"start": "09:00", "end": "13:00"}]}""";

    private final TestClinic clinic = TestClinic.open();
    private final String admin = clinic.tokens.admin();
    private final UUID rajesh = UUID.randomUUID();

    @AfterEach
    void close() {
        clinic.close();
    }

    private TestClinic.Response invalid(TestClinic.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_ERROR");
        return response;
    }

    @Test
    void new_working_hours_apply_to_later_bookings_and_existing_appointments_are_kept_as_conflicts() {
        var afternoon = clinic.bookAt(clinic.tokens.patient(rajesh), "2025-09-23T14:30:00+05:30")
                .at("/data/appointment_id")
                .asText();
        clinic.bookAt(clinic.tokens.patient(UUID.randomUUID()), "2025-09-23T10:00:00+05:30");

        var response = clinic.put(PRIYAS_HOURS, admin, MORNINGS_ONLY);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.at("/data/doctor/doctor_id").asText()).isEqualTo(PRIYA.toString());
        assertThat(response.at("/data/doctor/working_hours/tuesday/0/end").asText())
                .isEqualTo("13:00");
        assertThat(response.at("/data/doctor/working_hours/thursday")).isEmpty();
        var conflicts = response.at("/data/conflicts");
        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.at("/0/appointment_id").asText()).isEqualTo(afternoon);
        assertThat(conflicts.at("/0/datetime").asText()).isEqualTo("2025-09-23T14:30:00+05:30");
        assertThat(conflicts.at("/0/status").asText()).isEqualTo("scheduled");
        assertThat(conflicts.at("/0/patient_id").asText()).isEqualTo(rajesh.toString());
        assertThat(clinic.get("/api/v1/appointments/" + afternoon, admin)
                        .at("/data/status")
                        .asText())
                .isEqualTo("scheduled");
        var later = clinic.bookAt(clinic.tokens.patient(UUID.randomUUID()), "2025-09-24T15:00:00+05:30");
        assertThat(later.code()).isEqualTo("OUTSIDE_BUSINESS_HOURS");
    }

    @Test
    void the_working_hours_may_also_be_sent_wrapped_as_in_a_registration() {
        var response = clinic.put(PRIYAS_HOURS, admin, "{\"working_hours\": " + MORNINGS_ONLY + "}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.at("/data/doctor/working_hours/monday/0/start").asText())
                .isEqualTo("09:00");
    }

    @Test
    void wrong_working_hours_are_named_as_in_a_registration_whichever_form_was_sent() {
        var bare = invalid(clinic.put(
                PRIYAS_HOURS, admin, "{\"monday\": [{\"start\": \"9am\", \"end\": \"13:00\"}], \"someday\": []}"));
        var wrapped = invalid(clinic.put(
                PRIYAS_HOURS, admin, "{\"working_hours\": {\"monday\": [{\"start\": 9, \"end\": \"13:00\"}]}}"));
        var missing = invalid(clinic.put(PRIYAS_HOURS, admin, "{\"working_hours\": null}"));

        assertThat(bare.fieldErrors())
                .containsExactlyInAnyOrder(
                        "working_hours.monday[0].start:INVALID_FORMAT", "working_hours.someday:INVALID_FORMAT");
        assertThat(wrapped.fieldErrors()).containsExactly("working_hours.monday[0].start:INVALID_TYPE");
        assertThat(missing.fieldErrors()).containsExactly("working_hours:REQUIRED");
    }

    @Test
    void time_off_blocks_later_bookings_and_lists_the_appointments_inside_it() {
        var inside = clinic.bookAt(clinic.tokens.patient(rajesh), "2025-09-23T14:30:00+05:30")
                .at("/data/appointment_id")
                .asText();

        var response = clinic.post(PRIYAS_TIME_OFF, admin, """
                {"from": "2025-09-23T13:00:00+05:30", "to": "2025-09-23T18:00:00+05:30", "reason": "Conference"}""");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.at("/data/doctor/time_off/0/from").asText()).isEqualTo("2025-09-23T13:00:00+05:30");
        assertThat(response.at("/data/doctor/time_off/0/to").asText()).isEqualTo("2025-09-23T18:00:00+05:30");
        assertThat(response.at("/data/doctor/time_off/0/reason").asText()).isEqualTo("Conference");
        assertThat(response.at("/data/conflicts/0/appointment_id").asText()).isEqualTo(inside);
        assertThat(clinic.bookAt(clinic.tokens.patient(UUID.randomUUID()), "2025-09-23T16:00:00+05:30")
                        .code())
                .isEqualTo("SLOT_UNAVAILABLE");
    }

    @Test
    void time_off_without_conflicts_has_an_empty_list() {
        var response = clinic.post(
                PRIYAS_TIME_OFF, admin, "{\"from\": \"2025-09-25T00:00:00Z\", \"to\": \"2025-09-26T00:00:00Z\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.at("/data/conflicts").isArray()).isTrue();
        assertThat(response.at("/data/conflicts")).isEmpty();
        assertThat(response.at("/data/doctor/time_off/0/reason").isNull()).isTrue();
    }

    @Test
    void time_off_in_the_past_is_accepted_though_it_changes_nothing() {
        var response = clinic.post(
                PRIYAS_TIME_OFF, admin, "{\"from\": \"2025-09-01T00:00:00Z\", \"to\": \"2025-09-02T00:00:00Z\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.at("/data/conflicts")).isEmpty();
    }

    @Test
    void an_empty_week_means_no_working_time_at_all() {
        var response = clinic.put(PRIYAS_HOURS, admin, "{}");

        assertThat(response.status()).isEqualTo(200);
        response.at("/data/doctor/working_hours").forEach(day -> assertThat(day).isEmpty());
        assertThat(clinic.bookAt(clinic.tokens.patient(rajesh), "2025-09-23T10:00:00+05:30")
                        .code())
                .isEqualTo("OUTSIDE_BUSINESS_HOURS");
    }

    @Test
    void time_off_must_end_after_it_starts_with_offsets_and_a_reason_of_at_most_500_characters() {
        assertThat(invalid(clinic.post(PRIYAS_TIME_OFF, admin, "{}")).fieldErrors())
                .containsExactly("from:REQUIRED", "to:REQUIRED");
        assertThat(invalid(clinic.post(
                                PRIYAS_TIME_OFF,
                                admin,
                                "{\"from\": \"2025-09-25T10:00:00\", \"to\": \"2025-09-25T12:00:00+05:30\"}"))
                        .fieldErrors())
                .containsExactly("from:INVALID_FORMAT");
        assertThat(invalid(clinic.post(
                                PRIYAS_TIME_OFF,
                                admin,
                                "{\"from\": \"2025-09-25T12:00:00+05:30\", \"to\": \"2025-09-25T12:00:00+05:30\"}"))
                        .fieldErrors())
                .containsExactly("to:INVALID_FORMAT");
        assertThat(invalid(clinic.post(
                                PRIYAS_TIME_OFF,
                                admin,
                                "{\"from\": \"2025-09-25T10:00:00Z\", "
                                        + "\"to\": \"2025-09-25T12:00:00Z\", \"reason\": \"" + "x".repeat(501) + "\"}"))
                        .fieldErrors())
                .containsExactly("reason:TOO_LONG");
    }

    @Test
    void an_unknown_deactivated_or_malformed_doctor_is_not_found() {
        clinic.doctors.update(
                clinic.doctors.byId(PRIYA).map(Doctor::deactivated).orElseThrow());

        var deactivated = clinic.put(PRIYAS_HOURS, admin, MORNINGS_ONLY);
        var unknown = clinic.post("/api/v1/admin/doctors/" + UUID.randomUUID() + "/time-off", admin, "{}");
        var malformed = clinic.put("/api/v1/admin/doctors/not-an-id/working-hours", admin, MORNINGS_ONLY);

        assertThat(deactivated.status()).isEqualTo(404);
        assertThat(deactivated.code()).isEqualTo("DOCTOR_NOT_FOUND");
        assertThat(unknown.code()).as("the doctor is checked before the body").isEqualTo("DOCTOR_NOT_FOUND");
        assertThat(malformed.code()).isEqualTo("DOCTOR_NOT_FOUND");
    }

    @Test
    void only_an_admin_may_change_a_schedule() {
        assertThat(clinic.put(PRIYAS_HOURS, clinic.tokens.doctor(PRIYA.value()), MORNINGS_ONLY)
                        .status())
                .isEqualTo(403);
        assertThat(clinic.post(PRIYAS_TIME_OFF, clinic.tokens.patient(rajesh), "{}")
                        .status())
                .isEqualTo(403);
    }
}
