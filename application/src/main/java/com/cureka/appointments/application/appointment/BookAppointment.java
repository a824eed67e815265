package com.cureka.appointments.application.appointment;

import com.cureka.appointments.application.availability.AlternativeSlots;
import com.cureka.appointments.application.port.appointment.AppointmentDetails;
import com.cureka.appointments.application.port.appointment.AppointmentNumbers;
import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.appointment.HoldResult;
import com.cureka.appointments.application.port.availability.AvailabilityCache;
import com.cureka.appointments.application.port.availability.BookingRateLimiter;
import com.cureka.appointments.application.port.calendar.CalendarBookingRequest;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.calendar.CalendarResult;
import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.booking.BookingPolicy;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.booking.Rejection.SlotUnavailable.Cause;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: a patient books a doctor. The database decides whether the slot is free (atomically, across
 * instances); the calendar is told after our hold is stored, so a crash in between leaves a PENDING hold
 * that the reconcile job settles, never an orphan booking nor a lost one.
 */
public final class BookAppointment {
    /** Retry-After for a retry that meets its own earlier attempt still PENDING with the calendar. */
    static final Duration RETRY_PENDING_AFTER = Duration.ofSeconds(5);

    private final Doctors doctors;
    private final Appointments appointments;
    private final AppointmentNumbers numbers;
    private final CalendarGateway calendar;
    private final AvailabilityCache cache;
    private final BookingRateLimiter limiter;
    private final Refusals refusals;
    private final BookingPolicy policy;
    private final ZoneId numberZone;
    private final Clock clock;

    public BookAppointment(
            Doctors doctors,
            Appointments appointments,
            AppointmentNumbers numbers,
            CalendarGateway calendar,
            AvailabilityCache cache,
            BookingRateLimiter limiter,
            AlternativeSlots alternatives,
            BookingPolicy policy,
            ZoneId numberZone,
            Clock clock) {
        this.doctors = doctors;
        this.appointments = appointments;
        this.numbers = numbers;
        this.calendar = calendar;
        this.cache = cache;
        this.limiter = limiter;
        this.refusals = new Refusals(alternatives);
        this.policy = policy;
        this.numberZone = numberZone;
        this.clock = clock;
    }

    /** The patient as the caller's token names them, the doctor, the start, the type and optional notes. */
    public record Command(Patient patient, DoctorId doctorId, Instant start, AppointmentType type, String notes) {
        public Command {
            Objects.requireNonNull(patient, "patient");
            Objects.requireNonNull(doctorId, "doctor");
            Objects.requireNonNull(start, "start");
            type = type == null ? AppointmentType.CONSULTATION : type;
            if (notes != null && notes.length() > Appointment.MAX_NOTES_LENGTH) {
                throw new IllegalArgumentException("notes are at most " + Appointment.MAX_NOTES_LENGTH + " characters");
            }
        }
    }

    public sealed interface Result {
        record Booked(AppointmentDetails details) implements Result {}

        /**
         * The same patient already holds this very booking (doctor, start, type), live: the request is a retry,
         * e.g. after an answer that was lost or a 503 whose commit went through (API.md's retry-safe rule).
         */
        record AlreadyBooked(AppointmentDetails details) implements Result {}

        record Rejected(Refusal refusal) implements Result {
            static Rejected because(Rejection reason) {
                return new Rejected(Refusal.plain(reason));
            }
        }
    }

    public Result book(Command command) {
        var retryAfter = limiter.tryAcquire(command.patient().id());
        if (retryAfter.isPresent()) {
            return Result.Rejected.because(new Rejection.RateLimited(retryAfter.get()));
        }
        var found = doctors.byId(command.doctorId()).filter(Doctor::active);
        if (found.isEmpty()) {
            return Result.Rejected.because(new Rejection.DoctorNotFound());
        }
        Doctor doctor = found.get();
        Instant now = clock.instant();
        var slot = TimeSlot.of(command.start(), policy.rules().lengthOf(command.type()));
        var refusal = policy.check(slot, doctor.schedule(), now);
        if (refusal.isPresent()) {
            return rejected(refusal.get(), doctor, command, now);
        }

        var number = numbers.next(LocalDate.ofInstant(now, numberZone));
        var pending = Appointment.hold(
                number, doctor.id(), command.patient().id(), command.type(), slot, command.notes(), now);
        var request =
                new CalendarBookingRequest(number, doctor, command.patient(), command.type(), slot, command.notes());
        var result = calendar.isExternal()
                ? holdThenBook(pending, request, command, doctor, now)
                : bookAtOnce(pending, request, command, doctor, now);
        if (result instanceof Result.Booked) {
            cache.invalidate(
                    doctor.id(),
                    LocalDate.ofInstant(slot.start(), doctor.schedule().zone()));
        }
        return result;
    }

    /**
     * A calendar that answers without I/O (the built-in one, or an embedding service's own) is asked first;
     * one transaction then stores the appointment as SCHEDULED.
     */
    private Result bookAtOnce(
            Appointment pending, CalendarBookingRequest request, Command command, Doctor doctor, Instant now) {
        return switch (calendar.book(request)) {
            case CalendarResult.Booked booked -> {
                var scheduled = pending.confirm(
                        booked.booking().bookingId(), booked.booking().links(), now);
                yield switch (appointments.hold(
                        scheduled, command.patient(), policy.rules().maxUpcomingPerPatient(), now)) {
                    case HoldResult.Held held ->
                        new Result.Booked(new AppointmentDetails(held.appointment(), doctor, held.patient()));
                    case HoldResult.Refused refused -> rejected(refused.reason(), doctor, command, now);
                };
            }
            case CalendarResult.SlotTaken taken -> calendarBusy(doctor, command, now);
            case CalendarResult.Unavailable unavailable ->
                Result.Rejected.because(new Rejection.CalendarUnavailable(unavailable.retryAfter()));
        };
    }

    /** An external calendar: hold the slot first, then book outside, then confirm or give the hold up. */
    private Result holdThenBook(
            Appointment pending, CalendarBookingRequest request, Command command, Doctor doctor, Instant now) {
        var hold = appointments.hold(pending, command.patient(), policy.rules().maxUpcomingPerPatient(), now);
        if (hold instanceof HoldResult.Refused refused) {
            return rejected(refused.reason(), doctor, command, now);
        }
        var held = (HoldResult.Held) hold;
        return switch (calendar.book(request)) {
            case CalendarResult.Booked booked -> {
                var confirmedAt = clock.instant();
                var scheduled = held.appointment()
                        .confirm(booked.booking().bookingId(), booked.booking().links(), confirmedAt);
                var refused = appointments.replace(
                        held.appointment(),
                        scheduled,
                        new Change("calendar:booking", Change.Action.CONFIRMED, null, confirmedAt));
                if (refused.isPresent()) {
                    // The hold was cancelled (or settled) while the calendar was booking it: what happened to it
                    // stands, and the calendar's booking must not outlive it.
                    calendar.cancel(
                            booked.booking().bookingId(), "The appointment was cancelled while it was being booked");
                    yield Result.Rejected.because(refused.get());
                }
                yield new Result.Booked(new AppointmentDetails(scheduled, doctor, held.patient()));
            }
            case CalendarResult.SlotTaken taken -> {
                appointments.discard(pending.number());
                yield calendarBusy(doctor, command, now);
            }
            case CalendarResult.Unavailable unavailable -> {
                // When the calendar may have booked it all the same, the hold stays for the reconcile job.
                if (unavailable.outcomeUnknown()) {
                    cache.invalidate(
                            doctor.id(),
                            LocalDate.ofInstant(
                                    pending.slot().start(), doctor.schedule().zone()));
                } else {
                    appointments.discard(pending.number());
                }
                yield Result.Rejected.because(new Rejection.CalendarUnavailable(unavailable.retryAfter()));
            }
        };
    }

    /** The patient's own live booking of this doctor, start and type: SCHEDULED, or PENDING while the calendar decides. */
    private Optional<Appointment> sameBooking(Doctor doctor, Command command) {
        var slot = TimeSlot.of(command.start(), policy.rules().lengthOf(command.type()));
        return appointments.holdingSlotsOfDoctor(doctor.id(), slot).stream()
                .filter(a -> a.patientId().equals(command.patient().id())
                        && a.slot().start().equals(command.start())
                        && a.type() == command.type()
                        && (a.status() == AppointmentStatus.SCHEDULED || a.status() == AppointmentStatus.PENDING))
                .findFirst();
    }

    /** The calendar knew of a busy time our cached listing did not: forget that day before offering alternatives. */
    private Result calendarBusy(Doctor doctor, Command command, Instant now) {
        cache.invalidate(
                doctor.id(),
                LocalDate.ofInstant(command.start(), doctor.schedule().zone()));
        return rejected(new Rejection.SlotUnavailable(Cause.CALENDAR_BUSY), doctor, command, now);
    }

    /**
     * A refusal because the slot or the patient is taken may be the patient's own booking met again: then the
     * answer is that booking. Looked up only on such a refusal, so a first booking costs nothing more.
     */
    private Result rejected(Rejection reason, Doctor doctor, Command command, Instant now) {
        if (reason instanceof Rejection.SlotUnavailable || reason instanceof Rejection.PatientConflict) {
            var same = sameBooking(doctor, command);
            if (same.isPresent() && same.get().status() == AppointmentStatus.PENDING) {
                // The retry of an attempt whose calendar call is still running, or was cut off (a timeout, a crash)
                // and awaits the reconcile job, which may yet confirm it: "come back later", never "slot taken".
                return Result.Rejected.because(new Rejection.CalendarUnavailable(RETRY_PENDING_AFTER));
            }
            if (same.isPresent()) {
                return new Result.AlreadyBooked(new AppointmentDetails(same.get(), doctor, command.patient()));
            }
        }
        return new Result.Rejected(refusals.of(
                reason,
                doctor,
                command.type(),
                command.start(),
                command.patient().id(),
                now));
    }
}
