package com.cureka.appointments.application.appointment;

import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.booking.Rejection.SlotUnavailable.Cause;
import com.cureka.appointments.domain.kernel.TimeSlot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefusalTest {
    private static final TimeSlot SLOT = TimeSlot.of(Instant.parse("2030-03-04T09:30:00Z"), Duration.ofMinutes(30));
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @Test
    void a_plain_refusal_offers_nothing_and_knows_no_zone() {
        var refusal = Refusal.plain(new Rejection.AppointmentNotFound());

        assertThat(refusal.alternatives()).isEmpty();
        assertThat(refusal.doctorZone()).isEmpty();
    }

    @Test
    void alternatives_come_with_the_zone_they_are_shown_in() {
        var refusal = Refusal.offering(new Rejection.SlotUnavailable(Cause.TAKEN), List.of(SLOT), KOLKATA);

        assertThat(refusal.alternatives()).containsExactly(SLOT);
        assertThat(refusal.doctorZone()).contains(KOLKATA);
    }

    @Test
    void alternatives_without_a_zone_are_refused() {
        assertThatThrownBy(
                        () -> new Refusal(new Rejection.SlotUnavailable(Cause.TAKEN), List.of(SLOT), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void alternatives_for_a_rejection_that_offers_none_are_refused() {
        assertThatThrownBy(() -> Refusal.offering(new Rejection.PatientConflict(), List.of(SLOT), KOLKATA))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
