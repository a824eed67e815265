package com.cureka.appointments.application.appointment;

import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.access.Viewer;
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
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.patient.Patient;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * Use case: the patient, the doctor or an admin cancels an upcoming appointment. Our database frees the slot
 * first (the patient's intent must not wait on the calendar); the calendar is told after, and when it
 * cannot be reached the reconcile job cancels the booking that has no live appointment any more.
 */
public final class CancelAppointment {
    private final Appointments appointments;
    private final Doctors doctors;
    private final Patients patients;
    private final CalendarGateway calendar;
    private final AvailabilityCache cache;
    private final Clock clock;

    public CancelAppointment(
            Appointments appointments,
            Doctors doctors,
            Patients patients,
            CalendarGateway calendar,
            AvailabilityCache cache,
            Clock clock) {
        this.appointments = appointments;
        this.doctors = doctors;
        this.patients = patients;
        this.calendar = calendar;
        this.cache = cache;
        this.clock = clock;
    }

    public record Command(Viewer viewer, AppointmentNumber number, String reason) {
        public Command {
            Objects.requireNonNull(viewer, "viewer");
            Objects.requireNonNull(number, "number");
        }
    }

    public sealed interface Result {
        record Cancelled(AppointmentDetails details) implements Result {}

        record Rejected(Rejection reason) implements Result {}
    }

    public Result cancel(Command command) {
        var now = clock.instant();
        var found = appointments.byNumber(command.number()).filter(command.viewer()::maySee);
        if (found.isEmpty()) {
            return new Result.Rejected(new Rejection.AppointmentNotFound());
        }
        var appointment = found.get();
        if (!appointment.canCancel(now)) {
            return new Result.Rejected(new Rejection.InvalidState(
                    appointment.status().holdsSlot()
                            ? "An appointment that has already started cannot be cancelled"
                            : "The appointment is already "
                                    + appointment.status().code()));
        }
        var cancelled = appointment.cancel(now);
        var change = new Change(actor(command.viewer()), Change.Action.CANCELLED, command.reason(), now);
        var refused = appointments.replace(appointment, cancelled, change);
        if (refused.isPresent()) {
            return new Result.Rejected(refused.get());
        }
        if (appointment.calendarBookingId() != null
                && calendar.cancel(appointment.calendarBookingId(), command.reason())
                        instanceof CalendarResult.Unavailable) {
            // Left for ReconcileWithCalendar, which cancels calendar bookings that no live appointment holds.
            System.getLogger(CancelAppointment.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "calendar cancel of {0} failed; the reconcile job will retry",
                            appointment.number());
        }
        var doctor = doctors.byId(appointment.doctorId()).orElseThrow();
        cache.invalidate(
                doctor.id(),
                LocalDate.ofInstant(
                        appointment.slot().start(), doctor.schedule().zone()));
        var patient = patients.byId(appointment.patientId()).orElse(new Patient(appointment.patientId(), null, null));
        return new Result.Cancelled(new AppointmentDetails(cancelled, doctor, patient));
    }

    static String actor(Viewer viewer) {
        return viewer.role().name().toLowerCase(Locale.ROOT) + ":" + viewer.userId();
    }

    static boolean isOwnerOrAdmin(Viewer viewer, Appointment a) {
        return viewer.role() == Role.ADMIN
                || (viewer.role() == Role.PATIENT && a.patientId().value().equals(viewer.userId()));
    }
}
