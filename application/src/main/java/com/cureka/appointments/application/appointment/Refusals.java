package com.cureka.appointments.application.appointment;

import com.cureka.appointments.application.availability.AlternativeSlots;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.patient.PatientId;

import java.time.Instant;

/** Turns a rejected time with a known doctor into a {@link Refusal}, looking for other starts only when it offers them. */
final class Refusals {
    private final AlternativeSlots alternatives;

    Refusals(AlternativeSlots alternatives) {
        this.alternatives = alternatives;
    }

    Refusal of(
            Rejection reason, Doctor doctor, AppointmentType type, Instant requested, PatientId patient, Instant now) {
        if (!reason.offersAlternatives()) {
            return Refusal.plain(reason);
        }
        return Refusal.offering(
                reason,
                alternatives.near(doctor, type, requested, patient, now),
                doctor.schedule().zone());
    }
}
