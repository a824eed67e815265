package com.cureka.appointments.application.port.calendar;

import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.kernel.TimeSlot;

/**
 * A booking as the calendar holds it. {@code bookingId} is null for the built-in calendar; {@code number} is
 * our appointment number read back from the booking's metadata, when it carries one.
 */
public record CalendarBooking(
        String bookingId, AppointmentNumber number, TimeSlot slot, boolean cancelled, MeetingLinks links) {}
