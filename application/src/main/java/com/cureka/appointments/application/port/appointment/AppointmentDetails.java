package com.cureka.appointments.application.port.appointment;

import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.patient.Patient;

/** An appointment with the doctor and patient it names, as shown to callers. */
public record AppointmentDetails(Appointment appointment, Doctor doctor, Patient patient) {}
