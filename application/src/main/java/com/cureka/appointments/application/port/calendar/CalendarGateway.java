package com.cureka.appointments.application.port.calendar;

import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Output port: the doctor's real calendar (Cal.com, or the built-in one). Our database holds the slot;
 * the calendar is told after, and asked which times it considers free. Implementations never throw for
 * the calendar's own failures: they answer {@link CalendarResult.Unavailable}.
 */
public interface CalendarGateway {
    /**
     * True when bookings must be confirmed by an outside service: the use case then stores a PENDING hold
     * first, calls {@link #book}, and confirms. False for a calendar that answers at once without I/O.
     */
    boolean isExternal();

    /**
     * The starts the calendar offers for the doctor and type over the given days (inclusive, in the doctor's
     * zone). {@link FreeStarts.Unconstrained} when the calendar adds nothing to our own rules.
     */
    FreeStarts freeStarts(Doctor doctor, AppointmentType type, LocalDate firstDay, LocalDate lastDay);

    CalendarResult book(CalendarBookingRequest request);

    /** Cancels the booking; a booking the calendar no longer knows counts as cancelled. */
    CalendarResult cancel(String bookingId, String reason);

    /** Moves the booking; the answer carries the booking as it is now (Cal.com gives it a new id). */
    CalendarResult reschedule(String bookingId, TimeSlot newSlot, String reason);

    /** Bookings the calendar holds that carry one of our appointment numbers, starting in the window. */
    CalendarLookup bookingsWithAppointmentNumbers(Instant from, Instant to);

    /** The calendar's booking for one appointment number, when it has one (used to settle stale holds). */
    CalendarLookup bookingFor(AppointmentNumber number, Doctor doctor, TimeSlot slot);

    /** What a list lookup came to. */
    sealed interface CalendarLookup {
        record Found(List<CalendarBooking> bookings) implements CalendarLookup {}

        record Unavailable(String reason) implements CalendarLookup {}
    }
}
