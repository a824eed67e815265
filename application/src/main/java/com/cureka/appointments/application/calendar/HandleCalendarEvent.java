package com.cureka.appointments.application.calendar;

import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.availability.AvailabilityCache;
import com.cureka.appointments.application.port.calendar.CalendarEvent;
import com.cureka.appointments.application.port.calendar.CalendarEventLog;
import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.kernel.TimeSlot;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Use case: applies what the doctor's calendar reports (a webhook) to our appointments. Events about
 * bookings we did not make, and redeliveries, are acknowledged and ignored; nothing here ever fails the
 * calendar's delivery for a business reason.
 */
public final class HandleCalendarEvent {
    private final Appointments appointments;
    private final Doctors doctors;
    private final AvailabilityCache cache;
    private final CalendarEventLog log;
    private final Clock clock;

    public HandleCalendarEvent(
            Appointments appointments, Doctors doctors, AvailabilityCache cache, CalendarEventLog log, Clock clock) {
        this.appointments = appointments;
        this.doctors = doctors;
        this.cache = cache;
        this.log = log;
        this.clock = clock;
    }

    public enum Outcome {
        APPLIED,
        DUPLICATE,
        UNKNOWN_BOOKING,
        NOTHING_TO_DO,
        CONFLICT
    }

    public Outcome handle(CalendarEvent event, String deliveryHash) {
        var now = clock.instant();
        if (!log.firstDelivery(deliveryHash, event.getClass().getSimpleName(), now)) {
            return Outcome.DUPLICATE;
        }
        try {
            return applyTo(event, now);
        } catch (RuntimeException e) {
            // Not applied: the redelivery must not be taken for a duplicate.
            log.forget(deliveryHash);
            throw e;
        }
    }

    private Outcome applyTo(CalendarEvent event, Instant now) {
        var found = Optional.ofNullable(event.number()).flatMap(appointments::byNumber);
        if (found.isEmpty()) {
            return Outcome.UNKNOWN_BOOKING;
        }
        var appointment = found.get();
        String actor = "calendar:" + event.getClass().getSimpleName();
        return switch (event) {
            case CalendarEvent.BookingCancelled cancelled -> {
                // Only the booking we hold speaks for the appointment: a cancelled duplicate or an old booking
                // that carries the same number must not cancel it.
                if (!appointment.canCancel(now) || !holds(appointment, cancelled.bookingId())) {
                    yield Outcome.NOTHING_TO_DO;
                }
                yield apply(
                        appointment,
                        appointment.cancel(now),
                        new Change(actor, Change.Action.CANCELLED, cancelled.reason(), now));
            }
            case CalendarEvent.BookingRescheduled moved -> {
                // Deliveries come in any order: apply a move only to the booking it moved from.
                if (!appointment.canReschedule(now)
                        || appointment.slot().equals(moved.newSlot())
                        || !holds(appointment, moved.previousBookingId())) {
                    yield Outcome.NOTHING_TO_DO;
                }
                var newSlot =
                        new TimeSlot(moved.newSlot().start(), moved.newSlot().end());
                yield apply(
                        appointment,
                        appointment.moveTo(newSlot, moved.bookingId(), appointment.links(), now),
                        new Change(actor, Change.Action.RESCHEDULED, "moved in the calendar", now));
            }
            case CalendarEvent.BookingCreated created -> {
                // Our own bookings are confirmed by the booking call or the reconcile job; this covers a hold
                // whose confirmation was lost in between.
                if (appointment.status() != AppointmentStatus.PENDING) {
                    yield Outcome.NOTHING_TO_DO;
                }
                yield apply(
                        appointment,
                        appointment.confirm(created.bookingId(), created.links(), now),
                        new Change(actor, Change.Action.CONFIRMED, null, now));
            }
            case CalendarEvent.MeetingEnded ended -> {
                if (!appointment.canComplete(now) || !holds(appointment, ended.bookingId())) {
                    yield Outcome.NOTHING_TO_DO;
                }
                yield apply(
                        appointment, appointment.complete(now), new Change(actor, Change.Action.COMPLETED, null, now));
            }
        };
    }

    /** Whether the event's booking is the one the appointment holds (or it holds none yet). */
    private static boolean holds(Appointment appointment, String bookingId) {
        return appointment.calendarBookingId() == null
                || appointment.calendarBookingId().equals(bookingId);
    }

    private Outcome apply(Appointment before, Appointment after, Change change) {
        if (appointments.replace(before, after, change).isPresent()) {
            // Changed here meanwhile, or the calendar moved it onto a time we have given to someone else: ours stands.
            return Outcome.CONFLICT;
        }
        doctors.byId(before.doctorId()).ifPresent(doctor -> {
            var zone = doctor.schedule().zone();
            cache.invalidate(doctor.id(), LocalDate.ofInstant(before.slot().start(), zone));
            cache.invalidate(doctor.id(), LocalDate.ofInstant(after.slot().start(), zone));
        });
        return Outcome.APPLIED;
    }
}
