package com.cureka.appointments.domain.appointment;

import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.PatientId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppointmentTest {
    private static final Instant NOW = Instant.parse("2025-09-21T04:30:00Z");
    private static final TimeSlot TOMORROW = TimeSlot.of(NOW.plus(Duration.ofDays(1)), Duration.ofMinutes(30));

    private final Appointment pending = Appointment.hold(
            new AppointmentNumber("AID", LocalDate.of(2025, 9, 21), 1),
            DoctorId.random(),
            new PatientId(UUID.randomUUID()),
            AppointmentType.CONSULTATION,
            TOMORROW,
            null,
            NOW);

    @Test
    void a_new_hold_is_pending_and_holds_its_slot() {
        assertThat(pending.status()).isEqualTo(AppointmentStatus.PENDING);
        assertThat(pending.status().holdsSlot()).isTrue();
    }

    @Test
    void confirming_a_hold_schedules_it_with_the_calendar_reference() {
        var scheduled = pending.confirm("cal-uid-1", new MeetingLinks("https://video/1", null), NOW);

        assertThat(scheduled.status()).isEqualTo(AppointmentStatus.SCHEDULED);
        assertThat(scheduled.calendarBookingId()).isEqualTo("cal-uid-1");
        assertThat(scheduled.links().videoConferenceUrl()).isEqualTo("https://video/1");
    }

    @Test
    void a_scheduled_appointment_cannot_be_confirmed_again() {
        var scheduled = pending.confirm("x", null, NOW);

        assertThatThrownBy(() -> scheduled.confirm("y", null, NOW)).isInstanceOf(InvalidTransition.class);
    }

    @Test
    void cancelling_frees_the_slot_and_cannot_be_done_twice() {
        var cancelled = pending.confirm("x", null, NOW).cancel(NOW);

        assertThat(cancelled.status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(cancelled.status().holdsSlot()).isFalse();
        assertThat(cancelled.canCancel(NOW)).isFalse();
        assertThatThrownBy(() -> cancelled.cancel(NOW)).isInstanceOf(InvalidTransition.class);
    }

    @Test
    void an_appointment_that_has_started_cannot_be_cancelled_but_can_be_completed() {
        var scheduled = pending.confirm("x", null, NOW);
        var later = TOMORROW.start().plus(Duration.ofMinutes(5));

        assertThat(scheduled.canCancel(later)).isFalse();
        assertThat(scheduled.complete(later).status()).isEqualTo(AppointmentStatus.COMPLETED);
        assertThat(scheduled.markNoShow(later).status()).isEqualTo(AppointmentStatus.NO_SHOW);
    }

    @Test
    void a_future_appointment_cannot_be_completed() {
        assertThatThrownBy(() -> pending.confirm("x", null, NOW).complete(NOW)).isInstanceOf(InvalidTransition.class);
    }

    @Test
    void moving_keeps_the_number_and_status() {
        var scheduled = pending.confirm("x", null, NOW);
        var newSlot = TimeSlot.of(TOMORROW.start().plus(Duration.ofHours(2)), Duration.ofMinutes(30));

        var moved = scheduled.moveTo(newSlot, "y", null, NOW);

        assertThat(moved.number()).isEqualTo(scheduled.number());
        assertThat(moved.slot()).isEqualTo(newSlot);
        assertThat(moved.status()).isEqualTo(AppointmentStatus.SCHEDULED);
    }

    @Test
    void only_a_pending_hold_can_be_released() {
        assertThat(pending.release(NOW).status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThatThrownBy(() -> pending.confirm("x", null, NOW).release(NOW)).isInstanceOf(InvalidTransition.class);
    }

    @Test
    void notes_longer_than_500_characters_are_rejected() {
        assertThatThrownBy(() -> Appointment.hold(
                        pending.number(),
                        pending.doctorId(),
                        pending.patientId(),
                        AppointmentType.CONSULTATION,
                        TOMORROW,
                        "x".repeat(501),
                        NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void half_open_slots_that_touch_do_not_overlap() {
        var next = TimeSlot.of(TOMORROW.end(), Duration.ofMinutes(30));

        assertThat(TOMORROW.overlaps(next)).isFalse();
        assertThat(TOMORROW.overlaps(
                        TimeSlot.of(TOMORROW.start().plus(Duration.ofMinutes(15)), Duration.ofMinutes(30))))
                .isTrue();
    }
}
