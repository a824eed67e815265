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

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The calendar used when no external one is connected: working hours and our own appointments decide,
 * so it adds no constraint, and it confirms at once with a generated, unguessable video-room link.
 */
public final class BuiltInCalendar implements CalendarGateway {
    private final String videoRoomBaseUrl;
    private final SecureRandom random = new SecureRandom();

    /** @param videoRoomBaseUrl prefix of generated room links, e.g. {@code https://meet.jit.si/}; null for none */
    public BuiltInCalendar(String videoRoomBaseUrl) {
        this.videoRoomBaseUrl = videoRoomBaseUrl;
    }

    @Override
    public boolean isExternal() {
        return false;
    }

    @Override
    public FreeStarts freeStarts(Doctor doctor, AppointmentType type, LocalDate firstDay, LocalDate lastDay) {
        return new FreeStarts.Unconstrained();
    }

    @Override
    public CalendarResult book(CalendarBookingRequest request) {
        Objects.requireNonNull(request, "request");
        return new CalendarResult.Booked(new CalendarBooking(
                null, request.number(), request.slot(), false, new MeetingLinks(videoRoom(request.number()), null)));
    }

    @Override
    public CalendarResult cancel(String bookingId, String reason) {
        return new CalendarResult.Booked(null);
    }

    @Override
    public CalendarResult reschedule(String bookingId, TimeSlot newSlot, String reason) {
        return new CalendarResult.Booked(new CalendarBooking(bookingId, null, newSlot, false, null));
    }

    @Override
    public CalendarLookup bookingsWithAppointmentNumbers(Instant from, Instant to) {
        return new CalendarLookup.Found(List.of());
    }

    @Override
    public CalendarLookup bookingFor(AppointmentNumber number, Doctor doctor, TimeSlot slot) {
        return new CalendarLookup.Found(List.of());
    }

    private String videoRoom(AppointmentNumber number) {
        if (videoRoomBaseUrl == null || videoRoomBaseUrl.isBlank()) {
            return null;
        }
        byte[] token = new byte[12];
        random.nextBytes(token);
        return videoRoomBaseUrl + number.format().toLowerCase() + "-"
                + HexFormat.of().formatHex(token);
    }
}
