package com.cureka.appointments.application.port.calendar;

import java.time.Duration;

/** What a calendar write came to. */
public sealed interface CalendarResult {
    /** Done; the booking as the calendar now holds it. */
    record Booked(CalendarBooking booking) implements CalendarResult {}

    /** The calendar says the time is taken or the doctor is not available then. */
    record SlotTaken(String reason) implements CalendarResult {}

    /**
     * The calendar failed, refused our credentials, rate-limited us or its circuit is open.
     * {@code outcomeUnknown} when the request may have been carried out all the same (a timeout or a
     * dropped connection after sending): the hold must then stay until a reconcile run settles it.
     */
    record Unavailable(Duration retryAfter, boolean outcomeUnknown, String reason) implements CalendarResult {}
}
