package com.cureka.appointments.application.calendar;

import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.availability.AvailabilityCache;
import com.cureka.appointments.application.port.calendar.CalendarBooking;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.calendar.CalendarGateway.CalendarLookup;
import com.cureka.appointments.application.port.calendar.CalendarResult;
import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.doctor.Doctor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case (a job): brings our appointments and the external calendar back in step, so that no booking is
 * half-made. It settles every PENDING hold older than the calendar timeout (by then its calendar call has
 * ended, or its process died) by looking for the calendar booking that carries its appointment number:
 * found and live → the appointment is confirmed; not found → the hold is released (kept, as CANCELLED, so
 * nothing is lost). Then it cancels calendar bookings that carry one of our numbers but have no live
 * appointment behind them (a create that failed on our side after the calendar stored it, or a duplicate).
 */
public final class ReconcileWithCalendar {
    private static final System.Logger LOG = System.getLogger(ReconcileWithCalendar.class.getName());

    static final String ACTOR = "system:reconcile";
    static final Duration PAST_WINDOW = Duration.ofDays(1);
    static final Duration FUTURE_WINDOW = Duration.ofDays(61);

    private final Appointments appointments;
    private final Doctors doctors;
    private final CalendarGateway calendar;
    private final AvailabilityCache cache;
    private final Clock clock;
    private final Duration calendarTimeout;

    /**
     * @param calendarTimeout holds younger than this may still have their calendar call in flight. Pass the
     *                        adapter's overall timeout plus a margin (a minute, say): a hold is stamped just
     *                        before its call starts, possibly by another instance whose clock differs a little.
     */
    public ReconcileWithCalendar(
            Appointments appointments,
            Doctors doctors,
            CalendarGateway calendar,
            AvailabilityCache cache,
            Clock clock,
            Duration calendarTimeout) {
        this.appointments = Objects.requireNonNull(appointments, "appointments");
        this.doctors = Objects.requireNonNull(doctors, "doctors");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.calendarTimeout = Objects.requireNonNull(calendarTimeout, "calendarTimeout");
    }

    /**
     * What a run did. {@code errors}: holds or bookings left as they were because the calendar could not be
     * asked or refused the change; the next run tries them again.
     */
    public record Report(int pendingConfirmed, int pendingReleased, int orphansCancelled, int errors) {
        Report plus(Report other) {
            return new Report(
                    pendingConfirmed + other.pendingConfirmed,
                    pendingReleased + other.pendingReleased,
                    orphansCancelled + other.orphansCancelled,
                    errors + other.errors);
        }
    }

    public Report run() {
        Instant now = clock.instant();
        var report = new Report(0, 0, 0, 0);
        for (Appointment hold : appointments.pendingCreatedBefore(now.minus(calendarTimeout))) {
            report = report.plus(settle(hold, now));
        }
        return report.plus(cancelOrphans(now));
    }

    private Report settle(Appointment hold, Instant now) {
        Optional<Doctor> doctor = doctors.byId(hold.doctorId());
        if (doctor.isEmpty()) {
            return new Report(0, 0, 0, 1);
        }
        return switch (calendar.bookingFor(hold.number(), doctor.get(), hold.slot())) {
            case CalendarLookup.Unavailable unavailable -> new Report(0, 0, 0, 1);
            case CalendarLookup.Found found -> {
                var live = found.bookings().stream()
                        .filter(b -> !b.cancelled() && hold.number().equals(b.number()))
                        .findFirst();
                var settled = live.isPresent()
                        ? hold.confirm(live.get().bookingId(), live.get().links(), now)
                        : hold.release(now);
                var change = live.isPresent()
                        ? new Change(ACTOR, Change.Action.CONFIRMED, "calendar booking found after a lost answer", now)
                        : new Change(ACTOR, Change.Action.RELEASED, "the calendar never booked this hold", now);
                if (appointments.replace(hold, settled, change).isPresent()) {
                    yield new Report(0, 0, 0, 1);
                }
                cache.invalidate(hold.doctorId(), dayOf(hold, doctor.get()));
                yield live.isPresent() ? new Report(1, 0, 0, 0) : new Report(0, 1, 0, 0);
            }
        };
    }

    /**
     * A calendar booking is an orphan when no appointment has its number, or that appointment was cancelled:
     * nobody will ever come. A live appointment that holds another booking id is not cancelled here (a move
     * whose webhook was lost looks just like that); it is counted as an error for an operator to look at.
     * Completed and no-show appointments keep their booking: it is the record of a visit.
     */
    private Report cancelOrphans(Instant now) {
        var lookup = calendar.bookingsWithAppointmentNumbers(now.minus(PAST_WINDOW), now.plus(FUTURE_WINDOW));
        if (!(lookup instanceof CalendarLookup.Found found)) {
            return new Report(0, 0, 0, 1);
        }
        int cancelled = 0;
        int errors = 0;
        for (CalendarBooking booking : found.bookings()) {
            if (booking.cancelled() || booking.number() == null) {
                continue;
            }
            var appointment = appointments.byNumber(booking.number());
            boolean orphan = appointment.isEmpty() || appointment.get().status() == AppointmentStatus.CANCELLED;
            if (!orphan) {
                var heldId = appointment.get().calendarBookingId();
                if (appointment.get().status().holdsSlot() && heldId != null && !heldId.equals(booking.bookingId())) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "appointment {0} holds calendar booking {1} but the calendar also has {2}",
                            booking.number(),
                            heldId,
                            booking.bookingId());
                    errors++;
                }
                continue;
            }
            if (calendar.cancel(booking.bookingId(), "No appointment " + booking.number() + " holds this booking")
                    instanceof CalendarResult.Booked) {
                cancelled++;
                appointment.ifPresent(a -> doctors.byId(a.doctorId())
                        .ifPresent(d -> cache.invalidate(
                                d.id(),
                                LocalDate.ofInstant(
                                        booking.slot().start(), d.schedule().zone()))));
            } else {
                errors++;
            }
        }
        return new Report(0, 0, cancelled, errors);
    }

    private static LocalDate dayOf(Appointment appointment, Doctor doctor) {
        return LocalDate.ofInstant(appointment.slot().start(), doctor.schedule().zone());
    }
}
