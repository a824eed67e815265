package com.cureka.appointments.application.port.patient;

import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;

import java.util.Optional;

/** Output port: the patients the clinic has seen. Patients are registered on their first booking. */
public interface Patients {
    Optional<Patient> byId(PatientId id);
}
