package com.cureka.appointments.adapters.http;

import com.cureka.appointments.application.calendar.BuiltInCalendar;
import com.cureka.appointments.application.port.calendar.CalendarBookingRequest;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.calendar.CalendarResult;
import com.cureka.appointments.application.port.calendar.FreeStarts;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;

import java.time.Instant;
import java.time.LocalDate;

/** The built-in calendar, for a test to override the one call it wants to misbehave. */
abstract class ForwardingCalendar implements CalendarGateway {
    private final CalendarGateway builtIn = new BuiltInCalendar("https://meet.example.test/");

    public boolean isExternal() {
        return builtIn.isExternal();
    }

    public FreeStarts freeStarts(Doctor doctor, AppointmentType type, LocalDate firstDay, LocalDate lastDay) {
        return builtIn.freeStarts(doctor, type, firstDay, lastDay);
    }

    public CalendarResult book(CalendarBookingRequest request) {
        return builtIn.book(request);
    }

    public CalendarResult cancel(String bookingId, String reason) {
        return builtIn.cancel(bookingId, reason);
    }

    public CalendarResult reschedule(String bookingId, TimeSlot newSlot, String reason) {
        return builtIn.reschedule(bookingId, newSlot, reason);
    }

    public CalendarLookup bookingsWithAppointmentNumbers(Instant from, Instant to) {
        return builtIn.bookingsWithAppointmentNumbers(from, to);
    }

    public CalendarLookup bookingFor(AppointmentNumber number, Doctor doctor, TimeSlot slot) {
        return builtIn.bookingFor(number, doctor, slot);
    }
}
