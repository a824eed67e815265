package com.cureka.appointments.adapters.http;

import com.cureka.appointments.domain.doctor.DoctorId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static com.cureka.appointments.adapters.http.TestClinic.ARJUN;
import static com.cureka.appointments.adapters.http.TestClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

class ListingAppointmentsTest {
    private static final String LIST = "/api/v1/appointments";

    private final TestClinic clinic = TestClinic.open();
    private final UUID rajesh = UUID.randomUUID();
    private final UUID anita = UUID.randomUUID();

    @AfterEach
    void close() {
        clinic.close();
    }

    private String book(UUID patient, DoctorId doctor, String datetime) {
        var response = clinic.post(
                "/api/v1/appointments",
                clinic.tokens.patient(patient),
                "{\"doctor_id\": \"" + doctor + "\", \"appointment_datetime\": \"" + datetime + "\"}");
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.at("/data/appointment_id").asText();
    }

    private static List<String> ids(TestClinic.Response response) {
        var ids = new ArrayList<String>();
        response.at("/data/items")
                .forEach(item -> ids.add(item.get("appointment_id").asText()));
        return ids;
    }

    private TestClinic.Response invalid(String query) {
        var response = clinic.get(LIST + query, clinic.tokens.patient(rajesh));
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_ERROR");
        return response;
    }

    @Test
    void a_patient_sees_only_their_own_appointments_by_start_time_in_the_full_shape() {
        var later = book(rajesh, PRIYA, "2025-09-24T10:00:00+05:30");
        var earlier = book(rajesh, ARJUN, "2025-09-23T15:00:00+05:30");
        book(anita, PRIYA, "2025-09-23T11:00:00+05:30");

        var response = clinic.get(LIST, clinic.tokens.patient(rajesh));

        assertThat(response.status()).isEqualTo(200);
        assertThat(ids(response)).containsExactly(earlier, later);
        assertThat(response.at("/data").has("next_cursor")).isTrue();
        assertThat(response.at("/data/next_cursor").isNull()).isTrue();
        JsonNode first = response.at("/data/items/0");
        assertThat(first.at("/doctor/name").asText()).isEqualTo("Dr. Arjun Rao");
        assertThat(first.at("/patient/name").asText()).isEqualTo("Rajesh Kumar");
        assertThat(first.at("/appointment_details/datetime").asText()).isEqualTo("2025-09-23T15:00:00+05:30");
        assertThat(first.at("/appointment_details/status").asText()).isEqualTo("scheduled");
        assertThat(first.has("history"))
                .as("the audit trail is shown with one appointment, not in lists")
                .isFalse();
    }

    @Test
    void an_item_is_the_appointment_as_read_alone_but_for_its_history() {
        var id = book(rajesh, PRIYA, "2025-09-23T14:30:00+05:30");

        var item = (ObjectNode) clinic.get(LIST, clinic.tokens.patient(rajesh)).at("/data/items/0");
        var alone = (ObjectNode)
                clinic.get(LIST + "/" + id, clinic.tokens.patient(rajesh)).at("/data");

        alone.remove("history");
        assertThat(item).isEqualTo(alone);
    }

    @Test
    void a_doctor_sees_only_their_own_appointments() {
        var withPriya = book(rajesh, PRIYA, "2025-09-23T10:00:00+05:30");
        book(anita, ARJUN, "2025-09-23T10:00:00+05:30");

        var response = clinic.get(LIST, clinic.tokens.doctor(PRIYA.value()));

        assertThat(ids(response)).containsExactly(withPriya);
    }

    @Test
    void an_admin_sees_everyones_appointments() {
        var first = book(rajesh, PRIYA, "2025-09-23T10:00:00+05:30");
        var second = book(anita, ARJUN, "2025-09-23T11:00:00+05:30");

        var response = clinic.get(LIST, clinic.tokens.admin());

        assertThat(ids(response)).containsExactly(first, second);
    }

    @Test
    void the_scope_comes_from_the_token_and_cannot_be_widened_by_the_query() {
        book(anita, PRIYA, "2025-09-23T10:00:00+05:30");

        var response = clinic.get(LIST + "?patient_id=" + anita + "&doctor_id=" + PRIYA, clinic.tokens.patient(rajesh));

        assertThat(response.status()).isEqualTo(200);
        assertThat(ids(response)).isEmpty();
    }

    @Test
    void pages_follow_the_next_cursor_until_it_is_null_without_gaps_or_repeats() {
        var booked = new ArrayList<String>();
        for (int i = 0; i < 7; i++) {
            booked.add(book(UUID.randomUUID(), PRIYA, "2025-09-23T%02d:00:00+05:30".formatted(9 + i)));
        }
        String admin = clinic.tokens.admin();

        var seen = new ArrayList<String>();
        var page = clinic.get(LIST + "?limit=3", admin);
        int pages = 1;
        seen.addAll(ids(page));
        while (!page.at("/data/next_cursor").isNull()) {
            assertThat(ids(page)).hasSize(3);
            page = clinic.get(
                    LIST + "?limit=3&cursor=" + page.at("/data/next_cursor").asText(), admin);
            seen.addAll(ids(page));
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(booked);
    }

    @Test
    void the_default_page_holds_twenty_appointments() {
        for (int i = 0; i < 21; i++) {
            var doctor = i % 2 == 0 ? PRIYA : ARJUN;
            book(UUID.randomUUID(), doctor, "2025-09-%02dT%02d:00:00+05:30".formatted(23 + i / 18, 9 + (i % 18) / 2));
        }

        var response = clinic.get(LIST, clinic.tokens.admin());

        assertThat(ids(response)).hasSize(20);
        assertThat(response.at("/data/next_cursor").asText()).isNotBlank();
    }

    @Test
    void the_status_filter_shows_only_appointments_in_that_status() {
        var kept = book(rajesh, PRIYA, "2025-09-23T10:00:00+05:30");
        var cancelled = book(rajesh, PRIYA, "2025-09-23T11:00:00+05:30");
        clinic.post(LIST + "/" + cancelled + "/cancel", clinic.tokens.patient(rajesh), "{}");

        var onlyCancelled = clinic.get(LIST + "?status=cancelled", clinic.tokens.patient(rajesh));
        var onlyScheduled = clinic.get(LIST + "?status=scheduled", clinic.tokens.patient(rajesh));

        assertThat(ids(onlyCancelled)).containsExactly(cancelled);
        assertThat(ids(onlyScheduled)).containsExactly(kept);
    }

    @Test
    void from_is_inclusive_and_to_exclusive_on_the_start_time() {
        book(rajesh, PRIYA, "2025-09-23T10:00:00+05:30");
        var inside = book(rajesh, PRIYA, "2025-09-23T11:00:00+05:30");
        book(rajesh, PRIYA, "2025-09-23T12:00:00+05:30");

        var response = clinic.get(
                LIST + "?from=2025-09-23T05:30:00Z&to=2025-09-23T12:00:00%2B05:30", clinic.tokens.patient(rajesh));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(ids(response)).containsExactly(inside);
    }

    @Test
    void empty_parameters_count_as_not_sent() {
        var id = book(rajesh, PRIYA, "2025-09-23T10:00:00+05:30");

        var response = clinic.get(LIST + "?status=&from=&to=&limit=&cursor=", clinic.tokens.patient(rajesh));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(ids(response)).containsExactly(id);
    }

    @Test
    void nobody_with_no_appointments_gets_an_empty_last_page() {
        var response = clinic.get(LIST, clinic.tokens.patient(rajesh));

        assertThat(response.at("/data/items")).isEmpty();
        assertThat(response.at("/data/next_cursor").isNull()).isTrue();
    }

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(strings = {"0", "101", "-1", "abc", "2.5"})
    void a_limit_outside_one_to_a_hundred_is_invalid(String limit) {
        assertThat(invalid("?limit=" + limit).fieldErrors()).containsExactly("limit:INVALID_FORMAT");
    }

    @Test
    void limits_of_one_and_a_hundred_are_accepted() {
        assertThat(clinic.get(LIST + "?limit=1", clinic.tokens.patient(rajesh)).status())
                .isEqualTo(200);
        assertThat(clinic.get(LIST + "?limit=100", clinic.tokens.patient(rajesh))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void an_unknown_status_is_invalid() {
        assertThat(invalid("?status=booked").fieldErrors()).containsExactly("status:INVALID_FORMAT");
    }

    @Test
    void times_without_an_offset_are_invalid_and_to_must_follow_from() {
        assertThat(invalid("?from=2025-09-23T10:00:00&to=tomorrow").fieldErrors())
                .containsExactly("from:INVALID_FORMAT", "to:INVALID_FORMAT");
        assertThat(invalid("?from=2025-09-24T10:00:00Z&to=2025-09-23T10:00:00Z").fieldErrors())
                .containsExactly("to:INVALID_FORMAT");
    }

    @ParameterizedTest(name = "cursor={0}")
    @ValueSource(strings = {"not-a-cursor!", "MTIzNDU2", "bm90OmFuOmFwcG9pbnRtZW50", "%C3%A9"})
    void a_cursor_this_api_did_not_give_out_is_invalid(String cursor) {
        assertThat(invalid("?cursor=" + cursor).fieldErrors()).containsExactly("cursor:INVALID_FORMAT");
    }

    @Test
    void a_cursor_tampered_into_a_malformed_number_is_invalid() {
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("1758600000000:AID-20250921-00X1".getBytes(StandardCharsets.US_ASCII));

        assertThat(invalid("?cursor=" + forged).fieldErrors()).containsExactly("cursor:INVALID_FORMAT");
    }

    @Test
    void every_role_may_list_but_only_with_a_token() {
        assertThat(clinic.get(LIST, null).status()).isEqualTo(401);
        assertThat(clinic.get(LIST, clinic.tokens.doctor(ARJUN.value())).status())
                .isEqualTo(200);
    }
}
