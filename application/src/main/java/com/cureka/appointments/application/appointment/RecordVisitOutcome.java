package com.cureka.appointments.application.appointment;

import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.access.Viewer;
import com.cureka.appointments.application.port.appointment.AppointmentDetails;
import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.application.port.patient.Patients;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.patient.Patient;

import java.time.Clock;
import java.util.Objects;

/**
 * Use case: the front desk (the appointment's doctor or an admin) records how a visit went, once its start has
 * passed: the patient came ({@code COMPLETED}) or did not ({@code NO_SHOW}). The slot is in the past, so no listing
 * changes and the calendar is not told; the audit trail records who marked it and their note.
 */
public final class RecordVisitOutcome {
    public enum Outcome {
        COMPLETED,
        NO_SHOW
    }

    private final Appointments appointments;
    private final Doctors doctors;
    private final Patients patients;
    private final Clock clock;

    public RecordVisitOutcome(Appointments appointments, Doctors doctors, Patients patients, Clock clock) {
        this.appointments = appointments;
        this.doctors = doctors;
        this.patients = patients;
        this.clock = clock;
    }

    public record Command(Viewer viewer, AppointmentNumber number, Outcome outcome, String note) {
        public Command {
            Objects.requireNonNull(viewer, "viewer");
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(outcome, "outcome");
            if (note != null && note.length() > Change.MAX_REASON_LENGTH) {
                throw new IllegalArgumentException("a note is at most " + Change.MAX_REASON_LENGTH + " characters");
            }
        }
    }

    public sealed interface Result {
        record Recorded(AppointmentDetails details) implements Result {}

        record Rejected(Rejection reason) implements Result {}
    }

    public Result record(Command command) {
        var now = clock.instant();
        // Only its own doctor or an admin: anyone else is told it does not exist, as for every other change.
        var found = appointments
                .byNumber(command.number())
                .filter(a -> command.viewer().role() != Role.PATIENT
                        && command.viewer().maySee(a));
        if (found.isEmpty()) {
            return new Result.Rejected(new Rejection.AppointmentNotFound());
        }
        var appointment = found.get();
        if (!appointment.canComplete(now)) {
            return new Result.Rejected(new Rejection.InvalidState(
                    appointment.status().holdsSlot()
                            ? "A visit can be marked only once its start has passed"
                            : "The appointment is " + appointment.status().code() + " and cannot be marked"));
        }
        var marked = switch (command.outcome()) {
            case COMPLETED -> appointment.complete(now);
            case NO_SHOW -> appointment.markNoShow(now);
        };
        var action = switch (command.outcome()) {
            case COMPLETED -> Change.Action.COMPLETED;
            case NO_SHOW -> Change.Action.NO_SHOW;
        };
        var refused = appointments.replace(
                appointment,
                marked,
                new Change(CancelAppointment.actor(command.viewer()), action, command.note(), now));
        if (refused.isPresent()) {
            return new Result.Rejected(refused.get());
        }
        var doctor = doctors.byId(appointment.doctorId()).orElseThrow();
        var patient = patients.byId(appointment.patientId()).orElse(new Patient(appointment.patientId(), null, null));
        return new Result.Recorded(new AppointmentDetails(marked, doctor, patient));
    }
}
