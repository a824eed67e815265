package com.cureka.appointments.domain.booking;

import com.cureka.appointments.domain.booking.Rejection.SlotUnavailable.Cause;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.schedule.Schedule;
import com.cureka.appointments.domain.schedule.TimeOff;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BookingPolicyTest {
    /** Fixed "now": 2025-09-21 10:00 in Kolkata. */
    private static final Instant NOW =
            OffsetDateTime.parse("2025-09-21T10:00:00+05:30").toInstant();

    private final BookingPolicy policy = new BookingPolicy(BookingRules.STANDARD);
    private final Schedule kolkata = Schedule.standard(ZoneId.of("Asia/Kolkata"));

    private static TimeSlot consultationAt(String isoWithOffset) {
        return TimeSlot.of(OffsetDateTime.parse(isoWithOffset).toInstant(), Duration.ofMinutes(30));
    }

    @Test
    void a_slot_on_the_grid_inside_hours_two_days_ahead_is_accepted() {
        assertThat(policy.check(consultationAt("2025-09-23T14:30:00+05:30"), kolkata, NOW))
                .isEmpty();
    }

    @Test
    void a_time_in_the_past_is_refused_as_past() {
        assertThat(policy.check(consultationAt("2025-09-20T14:30:00+05:30"), kolkata, NOW))
                .contains(new Rejection.PastDateTime());
    }

    @Test
    void a_time_less_than_an_hour_ahead_is_refused_as_too_soon() {
        assertThat(policy.check(consultationAt("2025-09-21T10:45:00+05:30"), kolkata, NOW))
                .contains(new Rejection.TooSoon(Duration.ofHours(1)));
    }

    @Test
    void exactly_one_hour_ahead_is_allowed() {
        assertThat(policy.check(consultationAt("2025-09-21T11:00:00+05:30"), kolkata, NOW))
                .isEmpty();
    }

    @Test
    void more_than_sixty_days_ahead_is_refused_as_too_far() {
        assertThat(policy.check(consultationAt("2025-11-21T10:00:00+05:30"), kolkata, NOW))
                .contains(new Rejection.TooFarAhead(Duration.ofDays(60)));
        assertThat(policy.check(consultationAt("2025-11-20T10:00:00+05:30"), kolkata, NOW))
                .isEmpty();
    }

    @Test
    void a_slot_that_ends_after_closing_time_is_outside_business_hours() {
        assertThat(policy.check(consultationAt("2025-09-23T17:45:00+05:30"), kolkata, NOW))
                .contains(new Rejection.OutsideBusinessHours());
    }

    @Test
    void a_slot_off_the_fifteen_minute_grid_is_unavailable() {
        assertThat(policy.check(consultationAt("2025-09-23T14:20:00+05:30"), kolkata, NOW))
                .contains(new Rejection.SlotUnavailable(Cause.OFF_GRID));
    }

    @Test
    void a_slot_during_time_off_is_unavailable() {
        var onLeave = kolkata.withTimeOff(new TimeOff(NOW, NOW.plus(Duration.ofDays(7)), "leave"));

        assertThat(policy.check(consultationAt("2025-09-23T14:30:00+05:30"), onLeave, NOW))
                .contains(new Rejection.SlotUnavailable(Cause.TIME_OFF));
    }

    @Test
    void the_timing_rules_are_checked_before_working_hours() {
        // 03:00 is outside hours and in the past: the caller hears about the past first.
        assertThat(policy.check(consultationAt("2025-09-20T03:00:00+05:30"), kolkata, NOW))
                .contains(new Rejection.PastDateTime());
    }

    @Test
    void the_consultation_length_follows_the_default_duration_setting_and_other_types_keep_theirs() {
        var rules = new BookingRules(Duration.ofHours(1), Duration.ofDays(60), 10, Duration.ofMinutes(40));

        assertThat(rules.lengthOf(AppointmentType.CONSULTATION)).isEqualTo(Duration.ofMinutes(40));
        assertThat(rules.lengthOf(AppointmentType.EMERGENCY)).isEqualTo(Duration.ofMinutes(60));
        assertThat(rules.lengthOf(AppointmentType.SURGERY)).isEqualTo(Duration.ofMinutes(45));
        assertThat(rules.lengthOf(AppointmentType.FOLLOWUP)).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void rules_that_cannot_work_are_rejected() {
        assertThatThrownBy(() -> new BookingRules(Duration.ofHours(1), Duration.ofDays(60), 0, Duration.ofMinutes(30)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BookingRules(Duration.ofDays(2), Duration.ofDays(1), 10, Duration.ofMinutes(30)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
