package com.cureka.appointments.domain.booking;

import com.cureka.appointments.domain.booking.Rejection.SlotUnavailable.Cause;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RejectionTest {
    /** Every kind of rejection, and whether the patient is offered other starts with it. */
    static Stream<Arguments> everyKind() {
        return Stream.of(
                Arguments.of(new Rejection.SlotUnavailable(Cause.TAKEN), true),
                Arguments.of(new Rejection.SlotUnavailable(Cause.OFF_GRID), true),
                Arguments.of(new Rejection.SlotUnavailable(Cause.TIME_OFF), true),
                Arguments.of(new Rejection.SlotUnavailable(Cause.CALENDAR_BUSY), true),
                Arguments.of(new Rejection.OutsideBusinessHours(), true),
                Arguments.of(new Rejection.PastDateTime(), false),
                Arguments.of(new Rejection.TooSoon(Duration.ofHours(1)), false),
                Arguments.of(new Rejection.TooFarAhead(Duration.ofDays(60)), false),
                Arguments.of(new Rejection.PatientConflict(), false),
                Arguments.of(new Rejection.AppointmentLimitReached(10), false),
                Arguments.of(new Rejection.DoctorNotFound(), false),
                Arguments.of(new Rejection.AppointmentNotFound(), false),
                Arguments.of(new Rejection.InvalidState("already cancelled"), false),
                Arguments.of(new Rejection.RateLimited(Duration.ofSeconds(12)), false),
                Arguments.of(new Rejection.CalendarUnavailable(Duration.ofSeconds(30)), false));
    }

    @ParameterizedTest(name = "{0} offers alternatives: {1}")
    @MethodSource("everyKind")
    void only_an_unavailable_slot_or_one_outside_working_hours_offers_alternatives(
            Rejection rejection, boolean offers) {
        assertThat(rejection.offersAlternatives()).isEqualTo(offers);
    }

    @Test
    void the_list_above_names_every_kind_of_rejection() {
        List<Class<?>> listed =
                everyKind().map(a -> a.get()[0].getClass()).distinct().collect(Collectors.toList());

        assertThat(listed).containsExactlyInAnyOrder(Rejection.class.getPermittedSubclasses());
    }
}
