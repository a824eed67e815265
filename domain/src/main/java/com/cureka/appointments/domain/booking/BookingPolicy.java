package com.cureka.appointments.domain.booking;

import com.cureka.appointments.domain.booking.Rejection.SlotUnavailable.Cause;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.schedule.Schedule;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules a requested slot must pass before anything is stored: not past, far enough ahead, not too far
 * ahead, wholly inside working hours, on the slot grid, not in time off. Whether the slot is still free is
 * not decided here but by the database's exclusion constraint, which holds across processes.
 */
public record BookingPolicy(BookingRules rules) {
    public BookingPolicy {
        Objects.requireNonNull(rules, "rules");
    }

    public Optional<Rejection> check(TimeSlot requested, Schedule schedule, Instant now) {
        var timing = checkTiming(requested, now);
        if (timing.isPresent()) {
            return timing;
        }
        return switch (schedule.place(requested)) {
            case ON_GRID -> Optional.empty();
            case OUTSIDE_WORKING_HOURS -> Optional.of(new Rejection.OutsideBusinessHours());
            case OFF_GRID -> Optional.of(new Rejection.SlotUnavailable(Cause.OFF_GRID));
            case TIME_OFF -> Optional.of(new Rejection.SlotUnavailable(Cause.TIME_OFF));
        };
    }

    /** The booking-window rules alone, which also filter the slots offered to patients. */
    public Optional<Rejection> checkTiming(TimeSlot requested, Instant now) {
        Instant start = requested.start();
        if (!start.isAfter(now)) {
            return Optional.of(new Rejection.PastDateTime());
        }
        if (start.isBefore(now.plus(rules.minimumAdvance()))) {
            return Optional.of(new Rejection.TooSoon(rules.minimumAdvance()));
        }
        if (start.isAfter(now.plus(rules.bookingWindow()))) {
            return Optional.of(new Rejection.TooFarAhead(rules.bookingWindow()));
        }
        return Optional.empty();
    }

    public boolean isBookableTiming(TimeSlot slot, Instant now) {
        return checkTiming(slot, now).isEmpty();
    }
}
