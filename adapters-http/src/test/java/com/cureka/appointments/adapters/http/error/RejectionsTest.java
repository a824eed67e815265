package com.cureka.appointments.adapters.http.error;

import com.cureka.appointments.application.appointment.Refusal;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.booking.Rejection.SlotUnavailable.Cause;
import com.cureka.appointments.domain.kernel.TimeSlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each domain rejection has its documented status and code, including those no route of this slice reaches yet. */
class RejectionsTest {
    static Stream<Arguments> everyRejection() {
        return Stream.of(
                Arguments.of(new Rejection.PastDateTime(), 400, "VALIDATION_ERROR"),
                Arguments.of(new Rejection.TooSoon(Duration.ofHours(1)), 400, "VALIDATION_ERROR"),
                Arguments.of(new Rejection.TooFarAhead(Duration.ofDays(60)), 400, "VALIDATION_ERROR"),
                Arguments.of(new Rejection.SlotUnavailable(Cause.TAKEN), 409, "SLOT_UNAVAILABLE"),
                Arguments.of(new Rejection.OutsideBusinessHours(), 409, "OUTSIDE_BUSINESS_HOURS"),
                Arguments.of(new Rejection.PatientConflict(), 409, "PATIENT_CONFLICT"),
                Arguments.of(new Rejection.AppointmentLimitReached(10), 409, "APPOINTMENT_LIMIT_REACHED"),
                Arguments.of(new Rejection.DoctorNotFound(), 404, "DOCTOR_NOT_FOUND"),
                Arguments.of(new Rejection.AppointmentNotFound(), 404, "APPOINTMENT_NOT_FOUND"),
                Arguments.of(new Rejection.InvalidState("already cancelled"), 409, "INVALID_STATE"),
                Arguments.of(new Rejection.RateLimited(Duration.ofSeconds(12)), 429, "RATE_LIMITED"),
                Arguments.of(new Rejection.CalendarUnavailable(Duration.ofSeconds(30)), 503, "CAL_COM_ERROR"));
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @MethodSource("everyRejection")
    void each_rejection_has_its_documented_status_and_code(Rejection rejection, int status, String code) {
        var error = Rejections.toError(rejection);

        assertThat(error.status()).isEqualTo(status);
        assertThat(error.code().name()).isEqualTo(code);
        assertThat(error.message()).isEqualTo(rejection.message());
    }

    @Test
    void the_timing_rules_name_the_appointment_datetime_field() {
        var error = Rejections.toError(new Rejection.TooSoon(Duration.ofHours(1)));

        assertThat(error.details().get("errors"))
                .isEqualTo(List.of(new FieldError(
                        "appointment_datetime",
                        FieldCode.TOO_SOON,
                        "Appointments must be booked at least 1 hour(s) ahead")));
    }

    @Test
    void alternatives_are_written_in_the_doctors_time_zone() {
        var slot = TimeSlot.of(Instant.parse("2025-09-23T09:30:00Z"), Duration.ofMinutes(30));

        var error = Rejections.toError(
                Refusal.offering(new Rejection.SlotUnavailable(Cause.TAKEN), List.of(slot), ZoneId.of("Asia/Kolkata")));

        assertThat(error.details().get("alternative_slots")).isEqualTo(List.of("2025-09-23T15:00:00+05:30"));
    }

    @Test
    void a_refusal_that_offers_alternatives_lists_them_even_when_none_were_found() {
        var error = Rejections.toError(Refusal.plain(new Rejection.OutsideBusinessHours()));

        assertThat(error.details()).containsEntry("alternative_slots", List.of());
    }

    @Test
    void a_refusal_that_offers_no_alternatives_has_no_alternative_slots_detail() {
        var error = Rejections.toError(Refusal.plain(new Rejection.PatientConflict()));

        assertThat(error.details()).doesNotContainKey("alternative_slots");
    }

    @Test
    void retry_after_is_rounded_up_to_whole_seconds_and_never_zero() {
        assertThat(Rejections.toError(new Rejection.RateLimited(Duration.ofMillis(200)))
                        .headers())
                .containsEntry("Retry-After", "1");
        assertThat(Rejections.toError(new Rejection.RateLimited(Duration.ZERO)).headers())
                .containsEntry("Retry-After", "1");
        assertThat(Rejections.toError(new Rejection.CalendarUnavailable(Duration.ofMillis(30_001)))
                        .headers())
                .containsEntry("Retry-After", "31");
    }
}
