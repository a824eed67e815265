package com.cureka.appointments.adapters.http;

import com.cureka.appointments.domain.schedule.TimeOff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static com.cureka.appointments.adapters.http.TestClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

/** API.md: each time-off entry has a {@code time_off_id}; it is listed and removed by that id. */
class TimeOffEntriesTest {
    private static final String PRIYAS_TIME_OFF = "/api/v1/admin/doctors/" + PRIYA + "/time-off";

    private final TestClinic clinic = TestClinic.open();
    private final String admin = clinic.tokens.admin();

    @AfterEach
    void close() {
        clinic.close();
    }

    private String add(String from, String to, String reason) {
        var response = clinic.post(
                PRIYAS_TIME_OFF,
                admin,
                "{\"from\": \"%s\", \"to\": \"%s\", \"reason\": \"%s\"}".formatted(from, to, reason));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        var entries = response.at("/data/doctor/time_off");
        return entries.get(entries.size() - 1).get("time_off_id").asText();
    }

    @Test
    void time_off_is_listed_earliest_first_with_its_ids_in_the_doctors_zone() {
        var later = add("2025-10-10T00:00:00Z", "2025-10-11T00:00:00Z", "conference");
        var earlier = add("2025-10-01T00:00:00+05:30", "2025-10-02T00:00:00+05:30", "leave");

        var items = clinic.get(PRIYAS_TIME_OFF, admin).at("/data/items");

        assertThat(items).hasSize(2);
        assertThat(items.at("/0/time_off_id").asText()).isEqualTo(earlier);
        assertThat(items.at("/0/from").asText()).isEqualTo("2025-10-01T00:00:00+05:30");
        assertThat(items.at("/0/reason").asText()).isEqualTo("leave");
        assertThat(items.at("/1/time_off_id").asText()).isEqualTo(later);
        assertThat(items.at("/1/to").asText()).isEqualTo("2025-10-11T05:30:00+05:30");
    }

    @Test
    void a_time_off_removed_by_its_id_frees_its_slots_and_leaves_the_others() {
        var leave = add("2025-09-23T00:00:00+05:30", "2025-09-24T00:00:00+05:30", "leave");
        var conference = add("2025-10-10T00:00:00Z", "2025-10-11T00:00:00Z", "conference");
        var patient = clinic.tokens.patient(UUID.randomUUID());
        assertThat(clinic.bookAt(patient, "2025-09-23T14:30:00+05:30").code()).isEqualTo("SLOT_UNAVAILABLE");

        var removed = clinic.delete(PRIYAS_TIME_OFF + "/" + leave, admin);

        assertThat(removed.status()).as(removed.text()).isEqualTo(200);
        assertThat(removed.at("/data/doctor/time_off")).hasSize(1);
        assertThat(removed.at("/data/conflicts")).isEmpty();
        var items = clinic.get(PRIYAS_TIME_OFF, admin).at("/data/items");
        assertThat(items).hasSize(1);
        assertThat(items.at("/0/time_off_id").asText()).isEqualTo(conference);
        assertThat(clinic.bookAt(patient, "2025-09-23T14:30:00+05:30").status()).isEqualTo(201);
    }

    @Test
    void removing_a_time_off_twice_or_one_that_never_was_is_404_not_found() {
        var leave = add("2025-10-01T00:00:00+05:30", "2025-10-02T00:00:00+05:30", "leave");
        clinic.delete(PRIYAS_TIME_OFF + "/" + leave, admin);

        assertThat(clinic.delete(PRIYAS_TIME_OFF + "/" + leave, admin).code()).isEqualTo("NOT_FOUND");
        assertThat(clinic.delete(PRIYAS_TIME_OFF + "/" + UUID.randomUUID(), admin)
                        .status())
                .isEqualTo(404);
        assertThat(clinic.delete(PRIYAS_TIME_OFF + "/not-an-id", admin).code()).isEqualTo("NOT_FOUND");
        assertThat(clinic.delete("/api/v1/admin/doctors/" + UUID.randomUUID() + "/time-off/" + leave, admin)
                        .code())
                .isEqualTo("DOCTOR_NOT_FOUND");
    }

    @Test
    void only_an_admin_lists_or_removes_time_off() {
        var leave = add("2025-10-01T00:00:00+05:30", "2025-10-02T00:00:00+05:30", "leave");
        var patient = clinic.tokens.patient(UUID.randomUUID());

        assertThat(clinic.get(PRIYAS_TIME_OFF, patient).status()).isEqualTo(403);
        assertThat(clinic.delete(PRIYAS_TIME_OFF + "/" + leave, patient).status())
                .isEqualTo(403);
        assertThat(clinic.get(PRIYAS_TIME_OFF, admin).at("/data/items")).hasSize(1);
    }

    @Test
    void a_doctor_poisoned_by_an_extreme_time_off_stored_before_the_bounds_is_answered_and_can_be_healed() {
        var priya = clinic.doctors.byId(PRIYA).orElseThrow();
        var extreme = new TimeOff(
                Instant.parse("-999999999-01-01T00:00:00Z"), Instant.parse("+999999999-12-31T23:59:59Z"), null);
        clinic.doctors.update(priya.withSchedule(priya.schedule().withTimeOff(extreme)));

        var listed = clinic.get(PRIYAS_TIME_OFF, admin);
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        assertThat(listed.at("/data/items/0/from").asText()).isEqualTo("-999999999-01-01T00:00:00Z");
        var hours = clinic.put("/api/v1/admin/doctors/" + PRIYA + "/working-hours", admin, "{}");
        assertThat(hours.status()).as(hours.text()).isEqualTo(200);

        var removed = clinic.delete(PRIYAS_TIME_OFF + "/" + extreme.id(), admin);

        assertThat(removed.status()).as(removed.text()).isEqualTo(200);
        assertThat(clinic.get(PRIYAS_TIME_OFF, admin).at("/data/items")).isEmpty();
    }
}
