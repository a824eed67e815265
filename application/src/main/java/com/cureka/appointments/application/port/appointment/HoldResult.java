package com.cureka.appointments.application.port.appointment;

import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.patient.Patient;

/** What storing a new appointment came to: held (with the patient as stored), or refused by an invariant. */
public sealed interface HoldResult {
    record Held(Appointment appointment, Patient patient) implements HoldResult {}

    /** {@code SlotUnavailable(TAKEN)}, {@code PatientConflict} or {@code AppointmentLimitReached}. */
    record Refused(Rejection reason) implements HoldResult {}
}
