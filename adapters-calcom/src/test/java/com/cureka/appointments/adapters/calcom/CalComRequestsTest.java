package com.cureka.appointments.adapters.calcom;

import com.cureka.appointments.adapters.calcom.fake.FakeCalCom;
import com.cureka.appointments.application.port.calendar.CalendarBookingRequest;
import com.cureka.appointments.application.port.calendar.CalendarResult;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.cureka.appointments.adapters.calcom.CalComFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/** What the adapter sends to Cal.com: paths, headers, bodies, as CALCOM.md requires. */
class CalComRequestsTest {
    private final FakeCalCom calcom = fakeWithDoctor(CLOCK);
    private final CalComCalendarGateway gateway = new CalComCalendarGateway(settings(calcom));
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        calcom.close();
    }

    @Test
    void a_booking_is_one_post_with_the_bearer_key_and_the_bookings_version() {
        gateway.book(request(newNumber(), slot(0)));

        assertThat(calcom.calls()).singleElement().satisfies(call -> {
            assertThat(call.is("POST", "/v2/bookings")).isTrue();
            assertThat(call.header("Authorization")).isEqualTo("Bearer " + calcom.apiKey());
            assertThat(call.header("cal-api-version")).isEqualTo("2024-08-13");
            assertThat(call.header("Content-Type")).startsWith("application/json");
        });
    }

    @Test
    void a_booking_carries_our_appointment_number_doctor_and_patient_as_string_metadata() throws Exception {
        var number = newNumber();

        gateway.book(request(number, slot(1)));

        JsonNode body =
                json.readTree(calcom.calls("POST", "/v2/bookings").getFirst().body());
        var metadata = body.get("metadata");
        assertThat(metadata.get("appointmentNumber").isTextual()).isTrue();
        assertThat(metadata.get("appointmentNumber").asText()).isEqualTo(number.format());
        assertThat(metadata.get("doctorId").asText()).isEqualTo(DOCTOR.id().toString());
        assertThat(metadata.get("patientId").asText()).isEqualTo(PATIENT.id().toString());
        metadata.properties().forEach(e -> {
            assertThat(e.getValue().isTextual()).as(e.getKey()).isTrue();
            assertThat(e.getKey().length()).isLessThanOrEqualTo(40);
            assertThat(e.getValue().asText().length()).isLessThanOrEqualTo(500);
        });
        assertThat(metadata.size()).isLessThanOrEqualTo(50);
    }

    @Test
    void a_booking_names_the_event_type_the_attendee_and_the_start_in_utc() throws Exception {
        gateway.book(request(newNumber(), slot(2)));

        JsonNode body =
                json.readTree(calcom.calls("POST", "/v2/bookings").getFirst().body());
        assertThat(body.get("eventTypeId").asLong()).isEqualTo(CONSULTATION_EVENT);
        assertThat(body.get("start").asText()).isEqualTo("2030-03-05T09:00:00.000Z");
        assertThat(Instant.parse(body.get("start").asText())).isEqualTo(slot(2).start());
        assertThat(body.get("attendee").get("name").asText()).isEqualTo("Lisa Cuddy");
        assertThat(body.get("attendee").get("email").asText()).isEqualTo("lisa.cuddy@example.com");
        assertThat(body.get("attendee").get("timeZone").asText()).isEqualTo("Europe/Rome");
        assertThat(body.has("notes")).as("medical notes stay with us").isFalse();
        assertThat(body.toString()).doesNotContain("Headache");
    }

    @Test
    void an_event_type_given_by_slug_is_booked_with_the_doctors_username() throws Exception {
        var request =
                new CalendarBookingRequest(newNumber(), DOCTOR, PATIENT, AppointmentType.EMERGENCY, slot(0), null);

        var result = gateway.book(request);

        assertThat(result).isInstanceOf(CalendarResult.Booked.class);
        JsonNode body =
                json.readTree(calcom.calls("POST", "/v2/bookings").getFirst().body());
        assertThat(body.get("eventTypeSlug").asText()).isEqualTo("60-min");
        assertThat(body.get("username").asText()).isEqualTo(USERNAME);
        assertThat(body.has("eventTypeId")).isFalse();
    }

    @Test
    void free_slots_are_one_get_with_the_slots_version_for_the_doctors_days_in_its_zone() {
        gateway.freeStarts(DOCTOR, AppointmentType.CONSULTATION, DAY, DAY.plusDays(2));

        assertThat(calcom.calls()).singleElement().satisfies(call -> {
            assertThat(call.is("GET", "/v2/slots")).isTrue();
            assertThat(call.header("cal-api-version")).isEqualTo("2024-09-04");
            assertThat(call.header("Authorization")).isEqualTo("Bearer " + calcom.apiKey());
            assertThat(call.queryParam("eventTypeId")).isEqualTo("101");
            assertThat(call.queryParam("timeZone")).isEqualTo("Europe/Rome");
            // Rome is UTC+1 in March: the doctor's days begin at 23:00 UTC the evening before.
            assertThat(call.queryParam("start")).isEqualTo("2030-03-04T23:00:00.000Z");
            assertThat(call.queryParam("end")).isEqualTo("2030-03-07T22:59:59.000Z");
        });
    }

    @Test
    void a_cancel_posts_to_the_bookings_cancel_path_with_a_reason() throws Exception {
        var booked = (CalendarResult.Booked) gateway.book(request(newNumber(), slot(3)));
        calcom.clearCalls();

        gateway.cancel(booked.booking().bookingId(), null);

        var call = calcom.calls().getFirst();
        assertThat(call.is("POST", "/v2/bookings/" + booked.booking().bookingId() + "/cancel"))
                .isTrue();
        assertThat(call.header("cal-api-version")).isEqualTo("2024-08-13");
        assertThat(json.readTree(call.body()).get("cancellationReason").asText())
                .isNotBlank();
    }

    @Test
    void a_reschedule_posts_the_new_start_and_the_reason() throws Exception {
        var booked = (CalendarResult.Booked) gateway.book(request(newNumber(), slot(4)));
        calcom.clearCalls();

        gateway.reschedule(booked.booking().bookingId(), slot(6), "Doctor running late");

        var call = calcom.calls().getFirst();
        assertThat(call.is("POST", "/v2/bookings/" + booked.booking().bookingId() + "/reschedule"))
                .isTrue();
        var body = json.readTree(call.body());
        assertThat(body.get("start").asText()).isEqualTo("2030-03-05T11:00:00.000Z");
        assertThat(body.get("reschedulingReason").asText()).isEqualTo("Doctor running late");
    }

    @Test
    void finding_a_booking_again_lists_bookings_with_auth_and_the_bookings_version() {
        gateway.bookingFor(newNumber(), DOCTOR, slot(0));

        assertThat(calcom.calls()).singleElement().satisfies(call -> {
            assertThat(call.is("GET", "/v2/bookings")).isTrue();
            assertThat(call.header("cal-api-version")).isEqualTo("2024-08-13");
            assertThat(call.header("Authorization")).isEqualTo("Bearer " + calcom.apiKey());
            assertThat(call.queryParam("afterStart")).isEqualTo("2030-03-05T08:00:00.000Z");
            assertThat(call.queryParam("take")).isEqualTo("250");
        });
    }

    @Test
    void a_v1_base_url_is_accepted_and_v2_is_used() {
        String v1 = calcom.baseUrl().replace("/v2", "/v1");
        var gatewayOnV1 = new CalComCalendarGateway(CalComSettings.of(calcom.apiKey(), v1, Duration.ofSeconds(1)));

        var result = gatewayOnV1.book(request(newNumber(), slot(5)));

        assertThat(result).isInstanceOf(CalendarResult.Booked.class);
        assertThat(calcom.calls()).extracting(c -> c.path()).containsExactly("/v2/bookings");
    }
}
