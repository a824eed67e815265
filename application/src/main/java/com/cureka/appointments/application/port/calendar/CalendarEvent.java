package com.cureka.appointments.application.port.calendar;

import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.kernel.TimeSlot;

/**
 * Something that happened in the external calendar, as its webhook told us. {@code number} is our appointment
 * number read from the booking's metadata, null when the booking was not made through us.
 */
public sealed interface CalendarEvent {
    String bookingId();

    AppointmentNumber number();

    record BookingCreated(String bookingId, AppointmentNumber number, TimeSlot slot, MeetingLinks links)
            implements CalendarEvent {}

    record BookingCancelled(String bookingId, AppointmentNumber number, String reason) implements CalendarEvent {}

    /** {@code bookingId} is the new booking; {@code previousBookingId} the one it replaced. */
    record BookingRescheduled(String bookingId, String previousBookingId, AppointmentNumber number, TimeSlot newSlot)
            implements CalendarEvent {}

    record MeetingEnded(String bookingId, AppointmentNumber number) implements CalendarEvent {}
}
