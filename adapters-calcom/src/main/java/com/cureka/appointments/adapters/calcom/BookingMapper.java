package com.cureka.appointments.adapters.calcom;

import com.cureka.appointments.application.port.calendar.CalendarBooking;
import com.cureka.appointments.application.port.calendar.CalendarBookingRequest;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.kernel.TimeSlot;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Between our booking and Cal.com's: the metadata that lets us find a booking again (our appointment number,
 * doctor and patient as strings, within Cal.com's limits), and the booking read back with its links.
 */
final class BookingMapper {
    static final String NUMBER_KEY = "appointmentNumber";
    static final String DOCTOR_KEY = "doctorId";
    static final String PATIENT_KEY = "patientId";
    static final String TYPE_KEY = "appointmentType";
    // Cal.com's metadata validator: at most 50 keys, keys up to 40 characters, string values up to 500.
    private static final int MAX_KEYS = 50;
    private static final int MAX_KEY_LENGTH = 40;
    private static final int MAX_VALUE_LENGTH = 500;

    private final String eventLinkBase;
    private final String attendeeEmailDomain;

    BookingMapper(String eventLinkBase, String attendeeEmailDomain) {
        this.eventLinkBase = eventLinkBase;
        this.attendeeEmailDomain = attendeeEmailDomain;
    }

    /**
     * The create body. The patient's notes stay with us (they are medical, and Cal.com does not need them);
     * the attendee's time zone is the doctor's, as we know no other.
     */
    CalComJson.CreateBooking createBody(CalendarBookingRequest request, EventTypeRef eventType) {
        var patient = request.patient();
        String name = patient.name() != null
                ? patient.name()
                : "Patient " + request.number().format();
        String email =
                patient.email() != null ? patient.email() : "patient-" + patient.id() + "@" + attendeeEmailDomain;
        var attendee = new CalComJson.Attendee(
                name, email, timeZoneOf(request.doctor().schedule().zone()));
        return new CalComJson.CreateBooking(
                CalComJson.format(request.slot().start()),
                eventType.id(),
                eventType.slug(),
                eventType.username(),
                attendee,
                metadata(request));
    }

    static Map<String, String> metadata(CalendarBookingRequest request) {
        var metadata = new LinkedHashMap<String, String>();
        metadata.put(NUMBER_KEY, request.number().format());
        metadata.put(DOCTOR_KEY, request.doctor().id().toString());
        metadata.put(PATIENT_KEY, request.patient().id().toString());
        metadata.put(TYPE_KEY, request.type().code());
        if (metadata.size() > MAX_KEYS
                || metadata.entrySet().stream()
                        .anyMatch(e -> e.getKey().length() > MAX_KEY_LENGTH
                                || e.getValue().length() > MAX_VALUE_LENGTH)) {
            throw new IllegalStateException("booking metadata exceeds Cal.com's limits: " + metadata);
        }
        return metadata;
    }

    /** An IANA zone id as Cal.com validates it; a fixed offset has none, so UTC. */
    static String timeZoneOf(ZoneId zone) {
        return zone instanceof ZoneOffset ? "UTC" : zone.getId();
    }

    CalendarBooking toCalendarBooking(CalComJson.Booking booking) {
        var slot = new TimeSlot(CalComJson.parseInstant(booking.start()), CalComJson.parseInstant(booking.end()));
        boolean cancelled =
                "cancelled".equalsIgnoreCase(booking.status()) || "rejected".equalsIgnoreCase(booking.status());
        return new CalendarBooking(booking.uid(), numberOf(booking), slot, cancelled, linksOf(booking));
    }

    static AppointmentNumber numberOf(CalComJson.Booking booking) {
        if (booking.metadata() == null || !(booking.metadata().get(NUMBER_KEY) instanceof String text)) {
            return null;
        }
        return AppointmentNumber.parse(text).orElse(null);
    }

    /**
     * The video room: {@code location} or the deprecated {@code meetingUrl} when it is a URL (it may be an
     * integration id such as {@code integrations:google:meet}, #16913), else the {@code videoCallUrl} Cal.com
     * puts in the metadata for its own video. The event link: our configured booking-page base plus the uid.
     */
    MeetingLinks linksOf(CalComJson.Booking booking) {
        String video = firstUrl(
                booking.location(),
                booking.meetingUrl(),
                booking.metadata() == null ? null : booking.metadata().get("videoCallUrl"));
        String page = eventLinkBase == null || booking.uid() == null ? null : eventLinkBase + booking.uid();
        return new MeetingLinks(video, page);
    }

    private static String firstUrl(Object... candidates) {
        for (Object candidate : candidates) {
            if (candidate instanceof String s && (s.startsWith("https://") || s.startsWith("http://"))) {
                return s;
            }
        }
        return null;
    }
}
