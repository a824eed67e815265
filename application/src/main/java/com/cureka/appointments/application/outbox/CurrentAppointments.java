package com.cureka.appointments.application.outbox;

import com.cureka.appointments.application.port.appointment.AppointmentDetails;
import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.application.port.outbox.OutboxEvent;
import com.cureka.appointments.application.port.patient.Patients;
import com.cureka.appointments.domain.patient.Patient;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The appointments of the outbox's events as they are now, with their doctor and patient, read once per event for all
 * the consumers: each event has a delivery per consumer, and each consumer reads the same three things. Reads are kept
 * only inside {@link #within} (the dispatcher runs each claimed batch in it, on its own thread), and only for the event
 * they were made for: a later event of the same appointment in the batch (a reminder after a reschedule, say, with
 * e-mails sent in between) reads it afresh, so no consumer decides on a read older than its event's own. Outside, every
 * call reads afresh.
 */
public final class CurrentAppointments {
    private final Appointments appointments;
    private final Doctors doctors;
    private final Patients patients;
    private final ThreadLocal<Map<UUID, Optional<AppointmentDetails>>> batch = new ThreadLocal<>();

    public CurrentAppointments(Appointments appointments, Doctors doctors, Patients patients) {
        this.appointments = appointments;
        this.doctors = doctors;
        this.patients = patients;
    }

    /**
     * The event's appointment, its doctor, and its patient as last seen (only the id when the patient was never
     * stored); empty when the appointment no longer exists.
     */
    public Optional<AppointmentDetails> of(OutboxEvent event) {
        var read = batch.get();
        var known = read == null ? null : read.get(event.id());
        if (known != null) {
            return known;
        }
        var details = appointments
                .byNumber(event.number())
                .map(appointment -> new AppointmentDetails(
                        appointment,
                        doctors.byId(appointment.doctorId()).orElseThrow(),
                        patients.byId(appointment.patientId())
                                .orElse(new Patient(appointment.patientId(), null, null))));
        if (read != null) {
            read.put(event.id(), details);
        }
        return details;
    }

    /** Runs one batch, each event's appointment read at most once in it. */
    public void within(Runnable batchOfWork) {
        batch.set(new HashMap<>());
        try {
            batchOfWork.run();
        } finally {
            batch.remove();
        }
    }
}
