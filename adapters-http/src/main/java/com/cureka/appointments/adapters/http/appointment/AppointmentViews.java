package com.cureka.appointments.adapters.http.appointment;

import com.cureka.appointments.application.port.appointment.AppointmentDetails;
import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.application.port.patient.Patients;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;

import java.util.HashMap;
import java.util.List;
import java.util.Objects;

/**
 * Builds appointments for the wire. Reads only, and only what a use case has already let the caller see:
 * the audit trail of one appointment, and the doctors' and patients' names of a page of appointments,
 * each looked up once per page.
 */
public final class AppointmentViews {
    private final Doctors doctors;
    private final Patients patients;
    private final Appointments appointments;

    public AppointmentViews(Doctors doctors, Patients patients, Appointments appointments) {
        this.doctors = Objects.requireNonNull(doctors, "doctors");
        this.patients = Objects.requireNonNull(patients, "patients");
        this.appointments = Objects.requireNonNull(appointments, "appointments");
    }

    /** One appointment, with its history. */
    AppointmentView one(AppointmentDetails details) {
        return AppointmentView.of(
                details, appointments.history(details.appointment().number()));
    }

    /** A page of appointments, without their histories. */
    List<AppointmentView> page(List<Appointment> items) {
        var doctorsById = new HashMap<DoctorId, Doctor>();
        var patientsById = new HashMap<PatientId, Patient>();
        return items.stream()
                .map(a -> AppointmentView.of(new AppointmentDetails(
                        a,
                        doctorsById.computeIfAbsent(
                                a.doctorId(),
                                id -> doctors.byId(id)
                                        .orElseThrow(() -> new IllegalStateException(
                                                "appointment " + a.number() + " names an unknown doctor"))),
                        patientsById.computeIfAbsent(
                                a.patientId(), id -> patients.byId(id).orElse(new Patient(id, null, null))))))
                .toList();
    }
}
