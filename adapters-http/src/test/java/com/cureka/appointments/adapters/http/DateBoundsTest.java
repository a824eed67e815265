package com.cureka.appointments.adapters.http;

import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.schedule.Schedule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Base64;
import java.util.UUID;

import static com.cureka.appointments.adapters.http.TestClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

/** API.md: every date-time on any route lies between 1970-01-01 and 9999-12-31 in the doctor's zone, else 400. */
class DateBoundsTest {
    private static final String EXTREME_FROM = "-999999999-01-01T00:00:00Z";
    private static final String EXTREME_TO = "+999999999-12-31T23:59:59Z";

    private final TestClinic clinic = TestClinic.open();
    private final String admin = clinic.tokens.admin();
    private final String patient = clinic.tokens.patient(UUID.randomUUID());

    @AfterEach
    void close() {
        clinic.close();
    }

    private static TestClinic.Response invalid(TestClinic.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_ERROR");
        return response;
    }

    private TestClinic.Response timeOff(DoctorId doctor, String from, String to) {
        return clinic.post(
                "/api/v1/admin/doctors/" + doctor + "/time-off",
                admin,
                "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "?to=%2B999999999-12-31T23%3A59%3A59Z",
                "?from=-999999999-01-01T00%3A00%3A00Z",
                "?to=%2B10000-01-01T00%3A00%3A00Z",
                "?from=1969-12-31T23%3A59%3A59Z"
            })
    void a_listing_beyond_the_date_bounds_is_a_validation_error(String query) {
        var field = query.substring(1, query.indexOf('='));
        assertThat(invalid(clinic.get("/api/v1/appointments" + query, patient)).fieldErrors())
                .containsExactly(field + ":INVALID_FORMAT");
    }

    @Test
    void a_listing_up_to_the_last_day_of_9999_is_answered() {
        var response =
                clinic.get("/api/v1/appointments?from=1970-01-01T00%3A00%3A00Z&to=9999-12-31T23%3A59%3A59Z", patient);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    @Test
    void a_cursor_forged_with_an_extreme_start_is_a_validation_error() {
        var forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("9223372036854775807:AID-20250921-0001".getBytes(StandardCharsets.US_ASCII));

        assertThat(invalid(clinic.get("/api/v1/appointments?cursor=" + forged, patient))
                        .fieldErrors())
                .containsExactly("cursor:INVALID_FORMAT");
    }

    @Test
    void a_booking_beyond_the_date_bounds_is_a_format_error_not_too_far_ahead() {
        assertThat(invalid(clinic.bookAt(patient, EXTREME_TO)).fieldErrors())
                .containsExactly("appointment_datetime:INVALID_FORMAT");
    }

    @Test
    void a_reschedule_beyond_the_date_bounds_is_a_validation_error() {
        var id = clinic.bookAt(patient, "2025-09-23T14:30:00+05:30")
                .at("/data/appointment_id")
                .asText();

        var response = clinic.post(
                "/api/v1/appointments/" + id + "/reschedule",
                patient,
                "{\"appointment_datetime\": \"" + EXTREME_FROM + "\"}");

        assertThat(invalid(response).fieldErrors()).containsExactly("appointment_datetime:INVALID_FORMAT");
    }

    @Test
    void an_extreme_time_off_is_refused_and_the_doctor_stays_editable() {
        assertThat(invalid(timeOff(PRIYA, EXTREME_FROM, EXTREME_TO)).fieldErrors())
                .containsExactlyInAnyOrder("from:INVALID_FORMAT", "to:INVALID_FORMAT");

        assertThat(clinic.doctors.byId(PRIYA).orElseThrow().schedule().timeOff())
                .isEmpty();
        assertThat(timeOff(PRIYA, "2025-10-01T00:00:00+05:30", "2025-10-02T00:00:00+05:30")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void the_time_off_bounds_are_those_of_the_doctors_own_zone() {
        var newYork = new DoctorId(UUID.randomUUID());
        clinic.doctors.add(new Doctor(
                newYork, "Dr. Ana Ortiz", null, null, Schedule.standard(ZoneId.of("America/New_York")), null, true));

        // 02:00 UTC on 1 January 1970 is still 31 December 1969 in New York, and already 1 January in Kolkata.
        assertThat(invalid(timeOff(newYork, "1970-01-01T02:00:00Z", "1970-01-02T00:00:00Z"))
                        .fieldErrors())
                .containsExactly("from:INVALID_FORMAT");
        assertThat(timeOff(PRIYA, "1970-01-01T02:00:00Z", "1970-01-02T00:00:00Z")
                        .status())
                .isEqualTo(200);
    }

    @ParameterizedTest(name = "date={0}")
    @ValueSource(strings = {"1969-12-31", "%2B10000-01-01", "-0001-01-01"})
    void a_slot_day_beyond_the_date_bounds_is_a_validation_error(String day) {
        var response = clinic.get("/api/v1/doctors/" + PRIYA + "/slots?date=" + day, patient);

        assertThat(invalid(response).fieldErrors()).containsExactly("date:INVALID_FORMAT");
    }
}
