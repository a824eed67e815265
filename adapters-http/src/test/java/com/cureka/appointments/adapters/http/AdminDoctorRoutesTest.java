package com.cureka.appointments.adapters.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.cureka.appointments.adapters.http.TestClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

class AdminDoctorRoutesTest {
    private static final String DOCTORS = "/api/v1/admin/doctors";

    private final TestClinic clinic = TestClinic.open();
    private final String admin = clinic.tokens.admin();

    @AfterEach
    void close() {
        clinic.close();
    }

    private TestClinic.Response invalid(String json) {
        var response = clinic.post(DOCTORS, admin, json);
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_ERROR");
        return response;
    }

    @Test
    void an_admin_registers_a_doctor_with_working_hours_slot_grid_and_cal_com_account() {
        var id = UUID.randomUUID();

        var response = clinic.post(DOCTORS, admin, """
                {"doctor_id": "%s", "name": "Dr. Meera Iyer", "specialty": "Neurology", "email": "meera@example.test",
                 "time_zone": "Asia/Kolkata",
                 "working_hours": {"monday": [{"start": "09:00", "end": "13:00"}, {"start": "14:00", "end": "18:00"}],
                                   "wednesday": [{"start": "10:00", "end": "12:00"}]},
                 "slot_interval_minutes": 30,
                 "cal_com": {"username": "meera", "event_type_ids": {"consultation": 123, "followup": 124}}}
                """.formatted(id));

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/api/v1/doctors/" + id);
        var data = response.at("/data");
        assertThat(data.get("doctor_id").asText()).isEqualTo(id.toString());
        assertThat(data.get("name").asText()).isEqualTo("Dr. Meera Iyer");
        assertThat(data.get("specialty").asText()).isEqualTo("Neurology");
        assertThat(data.get("email").asText()).isEqualTo("meera@example.test");
        assertThat(data.get("time_zone").asText()).isEqualTo("Asia/Kolkata");
        assertThat(data.get("slot_interval_minutes").asInt()).isEqualTo(30);
        assertThat(data.get("active").asBoolean()).isTrue();
        assertThat(data.at("/working_hours/monday")).hasSize(2);
        assertThat(data.at("/working_hours/monday/1/start").asText()).isEqualTo("14:00");
        assertThat(data.at("/working_hours/wednesday/0/end").asText()).isEqualTo("12:00");
        assertThat(data.at("/working_hours/tuesday")).isEmpty();
        assertThat(data.at("/cal_com/username").asText()).isEqualTo("meera");
        assertThat(data.at("/cal_com/event_type_ids/consultation").asLong()).isEqualTo(123);
        assertThat(data.at("/cal_com/event_type_ids/followup").asLong()).isEqualTo(124);
    }

    @Test
    void a_registered_doctor_is_listed_and_offers_slots_within_the_given_working_hours() {
        var id = UUID.randomUUID();
        clinic.post(DOCTORS, admin, """
                {"doctor_id": "%s", "name": "Dr. Meera Iyer", "time_zone": "Asia/Kolkata",
                 "working_hours": {"monday": [{"start": "09:00", "end": "11:00"}]}, "slot_interval_minutes": 30}
                """.formatted(id));
        var patient = clinic.tokens.patient(UUID.randomUUID());

        var monday = clinic.get("/api/v1/doctors/" + id + "/slots?date=2025-09-22", patient);
        var tuesday = clinic.get("/api/v1/doctors/" + id + "/slots?date=2025-09-23", patient);

        assertThat(clinic.get("/api/v1/doctors/" + id, patient).status()).isEqualTo(200);
        assertThat(monday.at("/data/slots")).hasSize(4); // 09:00, 09:30, 10:00, 10:30
        assertThat(tuesday.at("/data/slots")).isEmpty();
    }

    @Test
    void only_name_and_time_zone_are_required_and_the_rest_takes_the_defaults() {
        var response = clinic.post(DOCTORS, admin, "{\"name\": \"Dr. Sen\", \"time_zone\": \"Europe/Berlin\"}");

        assertThat(response.status()).isEqualTo(201);
        var data = response.at("/data");
        assertThat(UUID.fromString(data.get("doctor_id").asText())).isNotNull();
        assertThat(data.get("slot_interval_minutes").asInt()).isEqualTo(15);
        for (String day : new String[] {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}) {
            assertThat(data.at("/working_hours/" + day + "/0/start").asText()).isEqualTo("09:00");
            assertThat(data.at("/working_hours/" + day + "/0/end").asText()).isEqualTo("18:00");
        }
        assertThat(data.get("cal_com").isNull()).isTrue();
    }

    @Test
    void registering_an_existing_doctor_id_is_a_conflict() {
        var response = clinic.post(
                DOCTORS,
                admin,
                "{\"doctor_id\": \"" + PRIYA + "\", \"name\": \"Dr. Priya Patel\", \"time_zone\": \"Asia/Kolkata\"}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("DOCTOR_ALREADY_EXISTS");
    }

    @Test
    void name_and_time_zone_are_required() {
        var response = invalid("{\"specialty\": \"Neurology\"}");

        assertThat(response.fieldErrors()).containsExactlyInAnyOrder("name:REQUIRED", "time_zone:REQUIRED");
    }

    @Test
    void the_time_zone_must_be_an_iana_region() {
        assertThat(invalid("{\"name\": \"Dr. Sen\", \"time_zone\": \"Mars/Olympus_Mons\"}")
                        .fieldErrors())
                .containsExactly("time_zone:INVALID_FORMAT");
        assertThat(invalid("{\"name\": \"Dr. Sen\", \"time_zone\": \"+05:30\"}").fieldErrors())
                .containsExactly("time_zone:INVALID_FORMAT");
    }

    @Test
    void malformed_working_hours_are_reported_by_their_path() {
        var response = invalid("""
                {"name": "Dr. Sen", "time_zone": "Asia/Kolkata",
                 "working_hours": {"funday": [{"start": "09:00", "end": "10:00"}],
                                   "monday": [{"start": "9am", "end": "10:00"}, {"start": "15:00", "end": "14:00"}],
                                   "tuesday": [{"end": "10:00"}],
                                   "friday": [{"start": 9, "end": "10:00"}]}}
                """);

        assertThat(response.fieldErrors())
                .containsExactlyInAnyOrder(
                        "working_hours.friday[0].start:INVALID_TYPE",
                        "working_hours.funday:INVALID_FORMAT",
                        "working_hours.monday[0].start:INVALID_FORMAT",
                        "working_hours.monday[1].end:INVALID_FORMAT",
                        "working_hours.tuesday[0].start:REQUIRED");
    }

    @Test
    void overlapping_working_periods_are_refused() {
        var response = invalid("""
                {"name": "Dr. Sen", "time_zone": "Asia/Kolkata",
                 "working_hours": {"monday": [{"start": "09:00", "end": "13:00"}, {"start": "12:00", "end": "14:00"}]}}
                """);

        assertThat(response.fieldErrors()).containsExactly("working_hours:INVALID_FORMAT");
    }

    @Test
    void the_other_fields_are_checked_for_type_range_length_and_format() {
        var response = invalid("""
                {"doctor_id": "not-a-uuid", "name": "%s", "email": "not-an-email", "time_zone": "Asia/Kolkata",
                 "slot_interval_minutes": 3, "cal_com": {"event_type_ids": {"massage": 1, "consultation": 0}}}
                """.formatted("x".repeat(201)));

        assertThat(response.fieldErrors())
                .containsExactlyInAnyOrder(
                        "doctor_id:INVALID_FORMAT",
                        "name:TOO_LONG",
                        "email:INVALID_FORMAT",
                        "slot_interval_minutes:INVALID_FORMAT",
                        "cal_com.event_type_ids.massage:INVALID_TYPE",
                        "cal_com.event_type_ids.consultation:INVALID_FORMAT");
    }

    @Test
    void a_slot_interval_sent_as_text_is_an_invalid_type() {
        var response =
                invalid("{\"name\": \"Dr. Sen\", \"time_zone\": \"Asia/Kolkata\", \"slot_interval_minutes\": \"15\"}");

        assertThat(response.fieldErrors()).containsExactly("slot_interval_minutes:INVALID_TYPE");
        assertThat(response.at("/details/errors/0/message").asText()).isEqualTo("must be an integer");
    }

    @Test
    void a_deactivated_doctor_is_no_longer_found_listed_or_bookable() {
        var patient = clinic.tokens.patient(UUID.randomUUID());

        var response = clinic.delete(DOCTORS + "/" + PRIYA, admin);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.at("/data/doctor_id").asText()).isEqualTo(PRIYA.toString());
        assertThat(response.at("/data/active").asBoolean()).isFalse();
        assertThat(clinic.get("/api/v1/doctors/" + PRIYA, patient).code()).isEqualTo("DOCTOR_NOT_FOUND");
        assertThat(clinic.get("/api/v1/doctors", patient).at("/data/items")).hasSize(1);
        assertThat(clinic.bookAt(patient, "2025-09-23T14:30:00+05:30").code()).isEqualTo("DOCTOR_NOT_FOUND");
    }

    @Test
    void deactivating_an_unknown_or_already_deactivated_doctor_is_doctor_not_found() {
        clinic.delete(DOCTORS + "/" + PRIYA, admin);

        var again = clinic.delete(DOCTORS + "/" + PRIYA, admin);
        var unknown = clinic.delete(DOCTORS + "/" + UUID.randomUUID(), admin);

        assertThat(again.status()).isEqualTo(404);
        assertThat(again.code()).isEqualTo("DOCTOR_NOT_FOUND");
        assertThat(unknown.status()).isEqualTo(404);
    }
}
