package com.cureka.appointments.domain.booking;

import com.cureka.appointments.domain.kernel.AppointmentType;

import java.time.Duration;
import java.util.Objects;

/**
 * The clinic-wide booking settings: how far ahead a booking must be made and may be made, how many
 * upcoming appointments a patient may hold, and how long a consultation (the default type) lasts.
 */
public record BookingRules(
        Duration minimumAdvance, Duration bookingWindow, int maxUpcomingPerPatient, Duration consultationLength) {
    public static final BookingRules STANDARD =
            new BookingRules(Duration.ofHours(1), Duration.ofDays(60), 10, Duration.ofMinutes(30));

    public BookingRules {
        Objects.requireNonNull(minimumAdvance, "minimum advance");
        Objects.requireNonNull(bookingWindow, "booking window");
        Objects.requireNonNull(consultationLength, "consultation length");
        if (minimumAdvance.isNegative()) {
            throw new IllegalArgumentException("the minimum advance cannot be negative");
        }
        if (!bookingWindow.isPositive() || bookingWindow.compareTo(minimumAdvance) <= 0) {
            throw new IllegalArgumentException("the booking window must be longer than the minimum advance");
        }
        if (maxUpcomingPerPatient < 1) {
            throw new IllegalArgumentException("a patient must be allowed at least one upcoming appointment");
        }
        if (consultationLength.toMinutes() < 5 || consultationLength.toMinutes() > 480) {
            throw new IllegalArgumentException("a consultation lasts between 5 and 480 minutes");
        }
    }

    public Duration lengthOf(AppointmentType type) {
        return type == AppointmentType.CONSULTATION ? consultationLength : type.standardLength();
    }
}
