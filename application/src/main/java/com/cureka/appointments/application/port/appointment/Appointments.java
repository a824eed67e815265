package com.cureka.appointments.application.port.appointment;

import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Output port: the appointments, and the invariants that must hold across processes. An implementation
 * must make these atomic with the write, never a read-then-write check:
 * <ul>
 *   <li>no two slot-holding (PENDING or SCHEDULED) appointments of one doctor overlap → {@code SlotUnavailable(TAKEN)};</li>
 *   <li>no two slot-holding appointments of one patient overlap → {@code PatientConflict};</li>
 *   <li>a patient holds at most {@code maxUpcoming} upcoming slot-holding appointments → {@code AppointmentLimitReached}.</li>
 * </ul>
 */
public interface Appointments {
    /** What {@link #replace} answers when the appointment is no longer as the caller read it. */
    Rejection CHANGED_MEANWHILE =
            new Rejection.InvalidState("The appointment was changed by another request; read it again");

    /** Registers or refreshes the patient and stores the new appointment, if every invariant allows it. */
    HoldResult hold(Appointment appointment, Patient patient, int maxUpcoming, Instant now);

    /** The appointment's audit trail, oldest first; the booking itself is the first entry. */
    List<AuditEntry> history(AppointmentNumber number);

    /**
     * Compare-and-set: stores {@code changed} and appends {@code change} to the audit trail in one transaction,
     * but only if the stored appointment is still as {@code expected} (same status, slot and calendar booking id):
     * another request, instance or webhook may have changed it since it was read. Otherwise stores nothing and
     * answers {@code InvalidState}. A move is checked against the overlap invariants as in {@link #hold}. This is the
     * only way to change a stored appointment, so that no change can skip its audit line.
     */
    Optional<Rejection> replace(Appointment expected, Appointment changed, Change change);

    /** Removes a hold that was never confirmed (the calendar refused it): the patient never had it. Only a PENDING hold is removed. */
    void discard(AppointmentNumber number);

    Optional<Appointment> byNumber(AppointmentNumber number);

    /** The doctor's slot-holding appointments that overlap the window. */
    List<Appointment> holdingSlotsOfDoctor(DoctorId doctor, TimeSlot window);

    /** The patient's slot-holding appointments that overlap the window. */
    List<Appointment> holdingSlotsOfPatient(PatientId patient, TimeSlot window);

    /** PENDING holds created before the given instant: the calendar call may have been lost. */
    List<Appointment> pendingCreatedBefore(Instant instant);

    List<Appointment> page(AppointmentQuery query);
}
