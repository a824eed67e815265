package com.cureka.appointments.application.calendar;

import com.cureka.appointments.application.port.calendar.CalendarBooking;
import com.cureka.appointments.application.port.calendar.CalendarBookingRequest;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.calendar.CalendarResult;
import com.cureka.appointments.application.port.calendar.FreeStarts;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An external calendar in memory for use-case tests: bookings by id, cancels recorded, lookups that can fail. */
final class StubCalendar implements CalendarGateway {
    final Map<String, CalendarBooking> bookings = new LinkedHashMap<>();
    final List<String> cancelled = new ArrayList<>();
    boolean lookupsUnavailable;
    boolean cancelsUnavailable;

    CalendarBooking add(String id, AppointmentNumber number, TimeSlot slot) {
        var booking = new CalendarBooking(
                id,
                number,
                slot,
                false,
                new MeetingLinks("https://video.example/" + id, "https://cal.example/booking/" + id));
        bookings.put(id, booking);
        return booking;
    }

    void cancelInCalendar(String id) {
        var b = bookings.get(id);
        bookings.put(id, new CalendarBooking(b.bookingId(), b.number(), b.slot(), true, b.links()));
    }

    @Override
    public boolean isExternal() {
        return true;
    }

    @Override
    public FreeStarts freeStarts(Doctor doctor, AppointmentType type, LocalDate firstDay, LocalDate lastDay) {
        return new FreeStarts.Unconstrained();
    }

    @Override
    public CalendarResult book(CalendarBookingRequest request) {
        throw new UnsupportedOperationException("the reconcile job never books");
    }

    @Override
    public CalendarResult cancel(String bookingId, String reason) {
        if (cancelsUnavailable) {
            return new CalendarResult.Unavailable(Duration.ofSeconds(10), false, "down");
        }
        cancelled.add(bookingId);
        if (bookings.containsKey(bookingId)) {
            cancelInCalendar(bookingId);
        }
        return new CalendarResult.Booked(bookings.get(bookingId));
    }

    @Override
    public CalendarResult reschedule(String bookingId, TimeSlot newSlot, String reason) {
        throw new UnsupportedOperationException("the reconcile job never moves bookings");
    }

    @Override
    public CalendarLookup bookingsWithAppointmentNumbers(Instant from, Instant to) {
        if (lookupsUnavailable) {
            return new CalendarLookup.Unavailable("down");
        }
        return new CalendarLookup.Found(bookings.values().stream()
                .filter(b -> b.number() != null
                        && !b.slot().start().isBefore(from)
                        && b.slot().start().isBefore(to))
                .toList());
    }

    @Override
    public CalendarLookup bookingFor(AppointmentNumber number, Doctor doctor, TimeSlot slot) {
        if (lookupsUnavailable) {
            return new CalendarLookup.Unavailable("down");
        }
        return new CalendarLookup.Found(bookings.values().stream()
                .filter(b -> number.equals(b.number()))
                .toList());
    }
}
