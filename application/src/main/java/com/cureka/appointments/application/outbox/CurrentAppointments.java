package com.cureka.appointments.application.outbox;

import com.cureka.appointments.application.port.appointment.AppointmentDetails;
import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.application.port.patient.Patients;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.patient.Patient;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The appointments of the outbox's events as they are now, with their doctor and patient, read once per claimed batch
 * for all the consumers: each event has a delivery per consumer, and each consumer reads the same three things. Reads
 * are kept only inside {@link #within} (the dispatcher runs each batch in it, on its own thread); outside, every call
 * reads afresh, so no read outlives the batch it was made for.
 */
public final class CurrentAppointments {
    private final Appointments appointments;
    private final Doctors doctors;
    private final Patients patients;
    private final ThreadLocal<Map<AppointmentNumber, Optional<AppointmentDetails>>> batch = new ThreadLocal<>();

    public CurrentAppointments(Appointments appointments, Doctors doctors, Patients patients) {
        this.appointments = appointments;
        this.doctors = doctors;
        this.patients = patients;
    }

    /**
     * The appointment, its doctor, and its patient as last seen (only the id when the patient was never stored);
     * empty when the appointment no longer exists.
     */
    public Optional<AppointmentDetails> of(AppointmentNumber number) {
        var read = batch.get();
        var known = read == null ? null : read.get(number);
        if (known != null) {
            return known;
        }
        var details = appointments
                .byNumber(number)
                .map(appointment -> new AppointmentDetails(
                        appointment,
                        doctors.byId(appointment.doctorId()).orElseThrow(),
                        patients.byId(appointment.patientId())
                                .orElse(new Patient(appointment.patientId(), null, null))));
        if (read != null) {
            read.put(number, details);
        }
        return details;
    }

    /** Runs one batch, each appointment read at most once in it. */
    public void within(Runnable batchOfWork) {
        batch.set(new HashMap<>());
        try {
            batchOfWork.run();
        } finally {
            batch.remove();
        }
    }
}
