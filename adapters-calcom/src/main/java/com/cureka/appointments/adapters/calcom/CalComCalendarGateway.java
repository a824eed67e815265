package com.cureka.appointments.adapters.calcom;

import com.cureka.appointments.adapters.calcom.CalComClient.Outcome;
import com.cureka.appointments.application.calendar.BuiltInCalendar;
import com.cureka.appointments.application.port.calendar.CalendarBooking;
import com.cureka.appointments.application.port.calendar.CalendarBookingRequest;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.calendar.CalendarResult;
import com.cureka.appointments.application.port.calendar.FreeStarts;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@link CalendarGateway} on Cal.com API v2 (see CALCOM.md): slots with {@code cal-api-version 2024-09-04},
 * bookings with {@code 2024-08-13}. Our appointment number, doctor and patient ride in the booking's metadata,
 * so a booking whose create call timed out is found again by {@link #bookingFor}.
 *
 * <p>A doctor without a Cal.com event type for the appointment type is not on Cal.com for it: slots are
 * {@link FreeStarts.Unconstrained} and bookings are made as the built-in calendar makes them (in our
 * database only), with a warning, so that the slots we offer can also be booked.
 */
public final class CalComCalendarGateway implements CalendarGateway {
    private static final Logger log = LoggerFactory.getLogger(CalComCalendarGateway.class);
    private static final String DEFAULT_CANCELLATION_REASON = "Cancelled by the clinic";

    private final CalComClient client;
    private final CalComFailures failures;
    private final BookingMapper mapper;
    private final BookingSearch search;
    private final CalendarGateway withoutCalCom;

    /** Doctors without a Cal.com event type are booked as by a {@link BuiltInCalendar} without video rooms. */
    public CalComCalendarGateway(CalComSettings settings) {
        this(settings, new BuiltInCalendar(null));
    }

    /** @param withoutCalCom books doctors (or appointment types) that have no Cal.com event type */
    public CalComCalendarGateway(CalComSettings settings, CalendarGateway withoutCalCom) {
        this.client = new CalComClient(settings);
        this.failures = new CalComFailures(Clock.systemUTC());
        this.mapper = new BookingMapper(settings.eventLinkBase(), settings.attendeeEmailDomain());
        this.search = new BookingSearch(client, failures, mapper);
        this.withoutCalCom = withoutCalCom;
        log.info(
                "Calendar: Cal.com API v2 at {} (timeout {} s)",
                settings.baseUrl(),
                settings.timeout().toSeconds());
    }

    @Override
    public boolean isExternal() {
        return true;
    }

    /** One {@code GET /v2/slots} for the whole range, rendered in the doctor's zone. */
    @Override
    public FreeStarts freeStarts(Doctor doctor, AppointmentType type, LocalDate firstDay, LocalDate lastDay) {
        var eventType = EventTypeRef.of(doctor, type);
        if (eventType.isEmpty()) {
            return new FreeStarts.Unconstrained();
        }
        Instant from = doctor.schedule().startOf(firstDay);
        Instant to = doctor.schedule().startOf(lastDay.plusDays(1));
        var url = client.url("slots");
        eventType.get().addTo(url);
        // A midnight "end" would be stretched to 23:59:59 UTC of that day: end just before the next day begins.
        url.addQueryParameter("start", CalComJson.format(from))
                .addQueryParameter("end", CalComJson.format(to.minusSeconds(1)))
                .addQueryParameter(
                        "timeZone", BookingMapper.timeZoneOf(doctor.schedule().zone()));
        var outcome = client.get(url.build(), CalComClient.SLOTS_VERSION);
        if (outcome instanceof Outcome.Answered answer && answer.ok()) {
            return knownStarts(answer, s -> !s.isBefore(from) && s.isBefore(to));
        }
        if (outcome instanceof Outcome.Answered answer && answer.status() == 404) {
            log.error(
                    "CONFIGURATION ERROR: Cal.com does not know {} of doctor {} ({}): \"{}\". Check the doctor's "
                            + "cal_com event_type_ids.",
                    eventType.get(),
                    doctor.id(),
                    type.code(),
                    CalComFailures.messageOf(answer));
            return new FreeStarts.Unavailable(Duration.ofMinutes(1), "Cal.com does not know the doctor's event type");
        }
        var failure = failures.failure(outcome, "list slots of doctor " + doctor.id(), false);
        return new FreeStarts.Unavailable(failure.retryAfter(), failure.reason());
    }

    @Override
    public CalendarResult book(CalendarBookingRequest request) {
        var eventType = EventTypeRef.of(request.doctor(), request.type());
        if (eventType.isEmpty()) {
            log.warn(
                    "Doctor {} has no Cal.com event type for {}: appointment {} is booked in our database only",
                    request.doctor().id(),
                    request.type().code(),
                    request.number());
            return withoutCalCom.book(request);
        }
        var outcome = client.post(
                client.url("bookings").build(),
                mapper.createBody(request, eventType.get()),
                CalComClient.BOOKINGS_VERSION);
        return bookingWritten(outcome, "book " + request.number());
    }

    /** Cal.com wants a reason when the key's owner hosts the booking, so one is always sent. */
    @Override
    public CalendarResult cancel(String bookingId, String reason) {
        if (bookingId == null) {
            return withoutCalCom.cancel(null, reason);
        }
        var body = new CalComJson.Cancel(reason == null || reason.isBlank() ? DEFAULT_CANCELLATION_REASON : reason);
        var outcome =
                client.post(client.url("bookings", bookingId, "cancel").build(), body, CalComClient.BOOKINGS_VERSION);
        String action = "cancel booking " + bookingId;
        if (outcome instanceof Outcome.Answered answer && answer.ok()) {
            return booked(answer, action);
        }
        if (outcome instanceof Outcome.Answered answer && answer.status() == 404) {
            return new CalendarResult.Booked(null);
        }
        if (outcome instanceof Outcome.Answered answer && answer.status() == 400) {
            // "This booking has already been cancelled." counts as done.
            var current = search.byUid(bookingId);
            if (current.isPresent() && current.get().cancelled()) {
                return new CalendarResult.Booked(current.get());
            }
        }
        return unavailable(failures.failure(outcome, action, true));
    }

    /** Cal.com moves a booking by creating a new one (new uid, {@code rescheduledFromUid}) and cancelling the old. */
    @Override
    public CalendarResult reschedule(String bookingId, TimeSlot newSlot, String reason) {
        if (bookingId == null) {
            return withoutCalCom.reschedule(null, newSlot, reason);
        }
        var body = new CalComJson.Reschedule(CalComJson.format(newSlot.start()), reason);
        var outcome = client.post(
                client.url("bookings", bookingId, "reschedule").build(), body, CalComClient.BOOKINGS_VERSION);
        return bookingWritten(outcome, "reschedule booking " + bookingId);
    }

    /** A create or a move: the booking as it now is, "slot taken", or unavailable (its outcome maybe unknown). */
    private CalendarResult bookingWritten(Outcome outcome, String action) {
        if (outcome instanceof Outcome.Answered answer && answer.ok()) {
            return booked(answer, action);
        }
        if (outcome instanceof Outcome.Answered answer && failures.isSlotRefusal(answer)) {
            return new CalendarResult.SlotTaken(CalComFailures.messageOf(answer));
        }
        return unavailable(failures.failure(outcome, action, true));
    }

    @Override
    public CalendarLookup bookingsWithAppointmentNumbers(Instant from, Instant to) {
        Predicate<CalendarBooking> inWindow = b -> b.number() != null
                && !b.slot().start().isBefore(from)
                && b.slot().start().isBefore(to);
        return search.find(from, to, inWindow);
    }

    /** Lists the bookings starting in the slot's day and keeps those carrying our number in their metadata. */
    @Override
    public CalendarLookup bookingFor(AppointmentNumber number, Doctor doctor, TimeSlot slot) {
        return search.find(slot.start(), slot.start().plus(Duration.ofDays(1)), b -> number.equals(b.number()));
    }

    private FreeStarts knownStarts(Outcome.Answered answer, Predicate<Instant> inRange) {
        try {
            var slots = CalComJson.MAPPER.readValue(answer.body(), CalComJson.Slots.class);
            var starts = new HashSet<Instant>();
            if (slots.data() != null) {
                slots.data().values().stream()
                        .flatMap(List::stream)
                        .map(slot -> CalComJson.parseInstant(slot.start()))
                        .filter(inRange)
                        .forEach(starts::add);
            }
            return new FreeStarts.Known(starts);
        } catch (Exception e) {
            log.warn("Cal.com answered slots we cannot read: {}", e.getMessage());
            return new FreeStarts.Unavailable(Duration.ofSeconds(10), "Cal.com answered slots we cannot read");
        }
    }

    /** A 2xx we cannot read still changed Cal.com: its outcome is unknown to us, and a reconcile run settles it. */
    private CalendarResult booked(Outcome.Answered answer, String action) {
        try {
            var one = CalComJson.MAPPER.readValue(answer.body(), CalComJson.OneBooking.class);
            var booking = CalComJson.MAPPER.treeToValue(one.data(), CalComJson.Booking.class);
            return new CalendarResult.Booked(mapper.toCalendarBooking(booking));
        } catch (Exception e) {
            log.warn(
                    "Cal.com answered HTTP {} to {} with a body we cannot read: {}",
                    answer.status(),
                    action,
                    e.getMessage());
            return new CalendarResult.Unavailable(
                    Duration.ofSeconds(10), true, "Cal.com answered a body we cannot read");
        }
    }

    private static CalendarResult unavailable(CalComFailures.Failure failure) {
        return new CalendarResult.Unavailable(failure.retryAfter(), failure.outcomeUnknown(), failure.reason());
    }
}
