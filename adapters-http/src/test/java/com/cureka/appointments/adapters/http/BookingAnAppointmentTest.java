package com.cureka.appointments.adapters.http;

import com.cureka.appointments.application.port.calendar.CalendarBookingRequest;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.calendar.CalendarResult;
import com.cureka.appointments.application.port.calendar.FreeStarts;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.booking.BookingRules;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static com.cureka.appointments.adapters.http.TestClinic.ARJUN;
import static com.cureka.appointments.adapters.http.TestClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

class BookingAnAppointmentTest {
    private static final String TUESDAY_2_30_PM = "2025-09-23T14:30:00+05:30";

    private TestClinic clinic = TestClinic.open();
    private final UUID rajesh = UUID.randomUUID();

    @AfterEach
    void close() {
        clinic.close();
    }

    @Test
    void a_patient_books_a_free_slot_and_gets_the_full_appointment_back() {
        var response = clinic.send(clinic.request("/api/v1/appointments", clinic.tokens.patient(rajesh))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "client-req-42")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"doctor_id": "%s", "appointment_datetime": "%s",
                         "appointment_type": "consultation", "notes": "Chest pain after exercise"}
                        """.formatted(PRIYA, TUESDAY_2_30_PM))));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/api/v1/appointments/AID-20250921-0001");
        assertThat(response.header("X-Request-Id")).isEqualTo("client-req-42");
        assertThat(response.header("Content-Type")).startsWith("application/json");
        var data = response.at("/data");
        assertThat(response.at("/success").asBoolean()).isTrue();
        assertThat(data.get("appointment_id").asText()).isEqualTo("AID-20250921-0001");
        assertThat(data.get("appointment_number").asText()).isEqualTo("AID-20250921-0001");
        assertThat(data.get("status").asText()).isEqualTo("scheduled");
        assertThat(data.has("cal_booking_id")).isTrue();
        assertThat(data.get("cal_booking_id").isNull()).isTrue();
        assertThat(data.at("/doctor/doctor_id").asText()).isEqualTo(PRIYA.toString());
        assertThat(data.at("/doctor/name").asText()).isEqualTo("Dr. Priya Patel");
        assertThat(data.at("/doctor/specialty").asText()).isEqualTo("Cardiology");
        assertThat(data.at("/patient/patient_id").asText()).isEqualTo(rajesh.toString());
        assertThat(data.at("/patient/name").asText()).isEqualTo("Rajesh Kumar");
        assertThat(data.at("/appointment_details/datetime").asText()).isEqualTo(TUESDAY_2_30_PM);
        assertThat(data.at("/appointment_details/duration_minutes").asInt()).isEqualTo(30);
        assertThat(data.at("/appointment_details/appointment_type").asText()).isEqualTo("consultation");
        assertThat(data.at("/appointment_details/status").asText()).isEqualTo("scheduled");
        assertThat(data.at("/appointment_details/appointment_number").asText()).isEqualTo("AID-20250921-0001");
        assertThat(data.at("/appointment_details/notes").asText()).isEqualTo("Chest pain after exercise");
        assertThat(data.at("/meeting_links/video_conference_url").asText())
                .startsWith("https://meet.example.test/aid-20250921-0001-");
        assertThat(data.at("/meeting_links").has("cal_event_link")).isTrue();
    }

    @Test
    void a_response_without_a_client_request_id_gets_a_generated_one() {
        var response = clinic.bookAt(clinic.tokens.patient(rajesh), TUESDAY_2_30_PM);

        assertThat(response.header("X-Request-Id"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void the_time_is_answered_in_the_doctors_time_zone_whatever_offset_was_sent() {
        var response = clinic.bookAt(clinic.tokens.patient(rajesh), "2025-09-23T09:00:00Z");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.at("/data/appointment_details/datetime").asText()).isEqualTo(TUESDAY_2_30_PM);
    }

    @Test
    void appointment_date_time_is_accepted_as_an_alias_of_appointment_datetime() {
        var response =
                clinic.book(clinic.tokens.patient(rajesh), "\"appointment_date_time\": \"" + TUESDAY_2_30_PM + "\"");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.at("/data/appointment_details/datetime").asText()).isEqualTo(TUESDAY_2_30_PM);
    }

    @Test
    void the_appointment_type_decides_the_length_and_defaults_to_a_consultation() {
        var followup = clinic.book(
                clinic.tokens.patient(rajesh),
                "\"appointment_datetime\": \"2025-09-23T09:00:00+05:30\", \"appointment_type\": \"followup\"");
        var byDefault = clinic.bookAt(clinic.tokens.patient(rajesh), "2025-09-23T10:00:00+05:30");

        assertThat(followup.at("/data/appointment_details/duration_minutes").asInt())
                .isEqualTo(20);
        assertThat(followup.at("/data/appointment_details/appointment_type").asText())
                .isEqualTo("followup");
        assertThat(byDefault.at("/data/appointment_details/appointment_type").asText())
                .isEqualTo("consultation");
        assertThat(byDefault.at("/data/appointment_details/duration_minutes").asInt())
                .isEqualTo(30);
    }

    @Test
    void a_patient_id_equal_to_the_signed_in_patient_is_accepted() {
        var response = clinic.book(
                clinic.tokens.patient(rajesh),
                "\"appointment_datetime\": \"" + TUESDAY_2_30_PM + "\", \"patient_id\": \"" + rajesh + "\"");

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void booking_a_taken_slot_is_rejected_with_the_nearest_free_alternatives() {
        clinic.bookAt(clinic.tokens.patient(UUID.randomUUID()), TUESDAY_2_30_PM);

        var response = clinic.bookAt(clinic.tokens.patient(rajesh), TUESDAY_2_30_PM);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.at("/success").asBoolean()).isFalse();
        assertThat(response.code()).isEqualTo("SLOT_UNAVAILABLE");
        assertThat(response.at("/message").asText()).isEqualTo("Selected time slot is not available");
        var alternatives = response.at("/details/alternative_slots");
        assertThat(alternatives).hasSize(5);
        assertThat(alternatives.get(0).asText()).isEqualTo("2025-09-23T14:00:00+05:30");
        assertThat(alternatives.get(1).asText()).isEqualTo("2025-09-23T15:00:00+05:30");
    }

    @Test
    void a_start_off_the_doctors_slot_grid_is_an_unavailable_slot() {
        var response = clinic.bookAt(clinic.tokens.patient(rajesh), "2025-09-23T14:10:00+05:30");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("SLOT_UNAVAILABLE");
        assertThat(response.at("/details/alternative_slots").get(0).asText())
                .isIn("2025-09-23T14:00:00+05:30", "2025-09-23T14:15:00+05:30");
    }

    @Test
    void booking_outside_the_doctors_working_hours_is_rejected_with_alternatives() {
        var response = clinic.bookAt(clinic.tokens.patient(rajesh), "2025-09-23T20:00:00+05:30");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("OUTSIDE_BUSINESS_HOURS");
        assertThat(response.at("/details/alternative_slots")).isNotEmpty();
        response.at("/details/alternative_slots")
                .forEach(slot -> assertThat(slot.asText()).endsWith("+05:30"));
    }

    @Test
    void a_retry_of_the_same_booking_without_a_key_is_200_with_that_booking_replayed() {
        var first = clinic.bookAt(clinic.tokens.patient(rajesh), TUESDAY_2_30_PM);

        var retry = clinic.bookAt(clinic.tokens.patient(rajesh), TUESDAY_2_30_PM);

        assertThat(retry.status()).as(retry.text()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.at("/data/appointment_id").asText())
                .isEqualTo(first.at("/data/appointment_id").asText());
        assertThat(clinic.get("/api/v1/appointments", clinic.tokens.patient(rajesh))
                        .at("/data/items"))
                .hasSize(1);
    }

    @Test
    void a_patient_cannot_hold_two_appointments_at_the_same_time() {
        clinic.bookAt(clinic.tokens.patient(rajesh), TUESDAY_2_30_PM);

        var response = clinic.post(
                "/api/v1/appointments",
                clinic.tokens.patient(rajesh),
                "{\"doctor_id\": \"" + ARJUN + "\", \"appointment_datetime\": \"" + TUESDAY_2_30_PM + "\"}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("PATIENT_CONFLICT");
    }

    @Test
    void a_patient_holding_the_most_upcoming_appointments_allowed_cannot_book_another() {
        clinic.close();
        clinic = TestClinic.open(TestClinic.Options.standard()
                .withRules(new BookingRules(Duration.ofHours(1), Duration.ofDays(60), 2, Duration.ofMinutes(30))));
        clinic.bookAt(clinic.tokens.patient(rajesh), "2025-09-23T10:00:00+05:30");
        clinic.bookAt(clinic.tokens.patient(rajesh), "2025-09-23T11:00:00+05:30");

        var response = clinic.bookAt(clinic.tokens.patient(rajesh), "2025-09-23T12:00:00+05:30");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("APPOINTMENT_LIMIT_REACHED");
        assertThat(response.at("/details/limit").asInt()).isEqualTo(2);
    }

    @Test
    void more_than_five_booking_attempts_a_minute_are_rate_limited_with_retry_after() {
        for (int i = 0; i < 5; i++) {
            clinic.bookAt(clinic.tokens.patient(rajesh), "2025-09-23T20:00:00+05:30");
        }

        var response = clinic.bookAt(clinic.tokens.patient(rajesh), TUESDAY_2_30_PM);

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.code()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void a_failing_external_calendar_is_a_503_with_retry_after_in_whole_seconds() {
        clinic.close();
        clinic = TestClinic.open(TestClinic.Options.standard().withCalendar(new DownCalendar(Duration.ofMillis(1500))));

        var response = clinic.bookAt(clinic.tokens.patient(rajesh), TUESDAY_2_30_PM);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("CAL_COM_ERROR");
        assertThat(response.header("Retry-After")).isEqualTo("2");
    }

    @Test
    void booking_an_unknown_doctor_is_doctor_not_found() {
        var response = clinic.post(
                "/api/v1/appointments",
                clinic.tokens.patient(rajesh),
                "{\"doctor_id\": \"" + UUID.randomUUID() + "\", \"appointment_datetime\": \"" + TUESDAY_2_30_PM
                        + "\"}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("DOCTOR_NOT_FOUND");
    }

    @Test
    void booking_a_deactivated_doctor_is_doctor_not_found() {
        clinic.doctors.update(
                clinic.doctors.byId(PRIYA).map(Doctor::deactivated).orElseThrow());

        var response = clinic.bookAt(clinic.tokens.patient(rajesh), TUESDAY_2_30_PM);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("DOCTOR_NOT_FOUND");
    }

    /** An external calendar that is down: every booking fails before anything was made. */
    private record DownCalendar(Duration retryAfter) implements CalendarGateway {
        public boolean isExternal() {
            return true;
        }

        public FreeStarts freeStarts(Doctor doctor, AppointmentType type, LocalDate firstDay, LocalDate lastDay) {
            return new FreeStarts.Unconstrained();
        }

        public CalendarResult book(CalendarBookingRequest request) {
            return new CalendarResult.Unavailable(retryAfter, false, "connection refused");
        }

        public CalendarResult cancel(String bookingId, String reason) {
            throw new UnsupportedOperationException();
        }

        public CalendarResult reschedule(String bookingId, TimeSlot newSlot, String reason) {
            throw new UnsupportedOperationException();
        }

        public CalendarLookup bookingsWithAppointmentNumbers(Instant from, Instant to) {
            throw new UnsupportedOperationException();
        }

        public CalendarLookup bookingFor(AppointmentNumber number, Doctor doctor, TimeSlot slot) {
            throw new UnsupportedOperationException();
        }
    }
}
