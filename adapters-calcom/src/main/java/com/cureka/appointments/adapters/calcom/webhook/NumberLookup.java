package com.cureka.appointments.adapters.calcom.webhook;

import com.cureka.appointments.application.port.calendar.CalendarBooking;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.kernel.TimeSlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Our appointment number read from the booking in Cal.com, for payloads that come without the booking's metadata
 * (Cal.com's BOOKING_CANCELLED has none). The Cal.com gateway is asked for the bookings in each window, once per
 * window, and the booking is found by uid. A failed look-up is logged and reads as no number.
 */
final class NumberLookup {
    private static final Logger log = LoggerFactory.getLogger(NumberLookup.class);

    private final CalendarGateway calendar;

    NumberLookup(CalendarGateway calendar) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    Optional<AppointmentNumber> find(List<String> uids, List<TimeSlot> windows) {
        for (TimeSlot window : windows) {
            try {
                if (calendar.bookingsWithAppointmentNumbers(window.start(), window.end())
                        instanceof CalendarGateway.CalendarLookup.Found found) {
                    var number = found.bookings().stream()
                            .filter(b -> uids.contains(b.bookingId()))
                            .map(CalendarBooking::number)
                            .filter(Objects::nonNull)
                            .findFirst();
                    if (number.isPresent()) {
                        return number;
                    }
                } else {
                    log.warn("Could not look up Cal.com booking {} for its appointment number", uids.getFirst());
                }
            } catch (RuntimeException e) {
                log.warn(
                        "Could not look up Cal.com booking {} for its appointment number: {}",
                        uids.getFirst(),
                        e.toString());
            }
        }
        return Optional.empty();
    }
}
