package com.cureka.appointments.application.appointment;

import com.cureka.appointments.application.access.Viewer;
import com.cureka.appointments.application.availability.AlternativeSlots;
import com.cureka.appointments.application.port.appointment.AppointmentDetails;
import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.availability.AvailabilityCache;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.calendar.CalendarResult;
import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.application.port.patient.Patients;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.booking.BookingPolicy;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.booking.Rejection.SlotUnavailable.Cause;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Use case: the patient or an admin moves an upcoming appointment; every rule of a new booking applies and
 * the number stays. The move is one UPDATE, checked by the same exclusion constraints, so the old slot is
 * freed only when the new one is taken. An external calendar is moved after; if it refuses, we move back.
 */
public final class RescheduleAppointment {
    private static final System.Logger LOG = System.getLogger(RescheduleAppointment.class.getName());

    private final Appointments appointments;
    private final Doctors doctors;
    private final Patients patients;
    private final CalendarGateway calendar;
    private final AvailabilityCache cache;
    private final Refusals refusals;
    private final BookingPolicy policy;
    private final Clock clock;

    public RescheduleAppointment(
            Appointments appointments,
            Doctors doctors,
            Patients patients,
            CalendarGateway calendar,
            AvailabilityCache cache,
            AlternativeSlots alternatives,
            BookingPolicy policy,
            Clock clock) {
        this.appointments = appointments;
        this.doctors = doctors;
        this.patients = patients;
        this.calendar = calendar;
        this.cache = cache;
        this.refusals = new Refusals(alternatives);
        this.policy = policy;
        this.clock = clock;
    }

    public record Command(Viewer viewer, AppointmentNumber number, Instant newStart, String reason) {
        public Command {
            Objects.requireNonNull(viewer, "viewer");
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(newStart, "new start");
        }
    }

    public sealed interface Result {
        record Rescheduled(AppointmentDetails details) implements Result {}

        /**
         * The appointment already starts at the requested time, so nothing was changed: the retry of a move that
         * was made (its answer lost), or a move onto the slot it holds. API.md's retry-safe rule, as for bookings.
         */
        record AlreadyThere(AppointmentDetails details) implements Result {}

        record Rejected(Refusal refusal) implements Result {
            static Rejected because(Rejection reason) {
                return new Rejected(Refusal.plain(reason));
            }
        }
    }

    public Result reschedule(Command command) {
        var now = clock.instant();
        // A doctor may see the appointment but not move it: answered as not found, like any other stranger.
        var found = appointments
                .byNumber(command.number())
                .filter(a -> CancelAppointment.isOwnerOrAdmin(command.viewer(), a));
        if (found.isEmpty()) {
            return Result.Rejected.because(new Rejection.AppointmentNotFound());
        }
        var appointment = found.get();
        var doctor = doctors.byId(appointment.doctorId()).orElseThrow();
        if (!appointment.canReschedule(now)) {
            return Result.Rejected.because(new Rejection.InvalidState(
                    appointment.status().holdsSlot()
                            ? "An appointment that has already started cannot be moved"
                            : "The appointment is " + appointment.status().code() + " and cannot be moved"));
        }
        if (appointment.slot().start().equals(command.newStart())) {
            // No second audit line, no second calendar move (Cal.com would make yet another booking uid).
            var patient = patientOf(appointment);
            return new Result.AlreadyThere(new AppointmentDetails(appointment, doctor, patient));
        }
        if (!doctor.active()) {
            return Result.Rejected.because(new Rejection.DoctorNotFound());
        }
        var newSlot = TimeSlot.of(command.newStart(), appointment.slot().length());
        var refusal = policy.check(newSlot, doctor.schedule(), now);
        if (refusal.isPresent()) {
            return rejected(refusal.get(), doctor, appointment, command.newStart(), now);
        }
        var moved = appointment.moveTo(newSlot, appointment.calendarBookingId(), appointment.links(), now);
        var change =
                new Change(CancelAppointment.actor(command.viewer()), Change.Action.RESCHEDULED, command.reason(), now);
        var clash = appointments.replace(appointment, moved, change);
        if (clash.isPresent()) {
            return rejected(clash.get(), doctor, appointment, command.newStart(), now);
        }
        var zone = doctor.schedule().zone();
        cache.invalidate(doctor.id(), LocalDate.ofInstant(appointment.slot().start(), zone));
        cache.invalidate(doctor.id(), LocalDate.ofInstant(newSlot.start(), zone));
        if (appointment.calendarBookingId() != null && calendar.isExternal()) {
            var outcome = moveInCalendar(appointment, moved, command, doctor, now);
            if (outcome instanceof Result.Rejected rejected) {
                return rejected;
            }
            moved = ((Result.Rescheduled) outcome).details().appointment();
        }
        return new Result.Rescheduled(new AppointmentDetails(moved, doctor, patientOf(appointment)));
    }

    private Patient patientOf(Appointment appointment) {
        return patients.byId(appointment.patientId()).orElse(new Patient(appointment.patientId(), null, null));
    }

    /**
     * Our database holds the new slot; now the calendar. A clear refusal moves us back (if the old slot is still
     * free); an unknown outcome keeps the move, since the calendar may have made it, and the reconcile job and
     * operators settle it from the log line.
     */
    private Result moveInCalendar(Appointment before, Appointment moved, Command command, Doctor doctor, Instant now) {
        var outside = calendar.reschedule(before.calendarBookingId(), moved.slot(), command.reason());
        if (outside instanceof CalendarResult.Booked booked) {
            if (booked.booking() == null
                    || booked.booking().bookingId() == null
                    || booked.booking().bookingId().equals(moved.calendarBookingId())) {
                return new Result.Rescheduled(new AppointmentDetails(moved, doctor, null));
            }
            // Cal.com gives a moved booking a new id: remember it, or reconcile would not recognise it.
            var renamed = moved.moveTo(
                    moved.slot(),
                    booked.booking().bookingId(),
                    booked.booking().links() != null ? booked.booking().links() : moved.links(),
                    now);
            var stored = appointments.replace(
                    moved,
                    renamed,
                    new Change(
                            "calendar:reschedule",
                            Change.Action.RESCHEDULED,
                            "new calendar booking id",
                            clock.instant()));
            if (stored.isPresent()) {
                LOG.log(
                        System.Logger.Level.ERROR,
                        "appointment {0} moved in the calendar as {1} but changed meanwhile here",
                        moved.number(),
                        booked.booking().bookingId());
            }
            return new Result.Rescheduled(new AppointmentDetails(stored.isEmpty() ? renamed : moved, doctor, null));
        }
        if (outside instanceof CalendarResult.Unavailable unavailable && unavailable.outcomeUnknown()) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "appointment {0} moved here; the calendar may not have moved booking {1}",
                    moved.number(),
                    before.calendarBookingId());
            return Result.Rejected.because(new Rejection.CalendarUnavailable(unavailable.retryAfter()));
        }
        var back = before.moveTo(before.slot(), before.calendarBookingId(), before.links(), now);
        var undone = appointments.replace(
                moved,
                back,
                new Change(
                        "system:reschedule",
                        Change.Action.RESCHEDULED,
                        "the calendar refused the move",
                        clock.instant()));
        if (undone.isPresent()) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "appointment {0} could not be moved back after the calendar refused: {1}",
                    moved.number(),
                    undone.get().message());
        }
        return outside instanceof CalendarResult.Unavailable u
                ? Result.Rejected.because(new Rejection.CalendarUnavailable(u.retryAfter()))
                : rejected(new Rejection.SlotUnavailable(Cause.CALENDAR_BUSY), doctor, before, command.newStart(), now);
    }

    private Result rejected(Rejection reason, Doctor doctor, Appointment appointment, Instant requested, Instant now) {
        return new Result.Rejected(
                refusals.of(reason, doctor, appointment.type(), requested, appointment.patientId(), now));
    }
}
