package com.cureka.appointments.application.appointment;

import com.cureka.appointments.application.access.Viewer;
import com.cureka.appointments.application.port.appointment.AppointmentDetails;
import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.application.port.patient.Patients;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.patient.Patient;

import java.util.Optional;

/** Use case: one appointment, for its patient, its doctor or an admin; anyone else is told it does not exist. */
public final class GetAppointment {
    private final Appointments appointments;
    private final Doctors doctors;
    private final Patients patients;

    public GetAppointment(Appointments appointments, Doctors doctors, Patients patients) {
        this.appointments = appointments;
        this.doctors = doctors;
        this.patients = patients;
    }

    public Optional<AppointmentDetails> get(Viewer viewer, AppointmentNumber number) {
        return appointments
                .byNumber(number)
                .filter(viewer::maySee)
                .flatMap(a -> doctors.byId(a.doctorId())
                        .map(d -> new AppointmentDetails(
                                a, d, patients.byId(a.patientId()).orElse(new Patient(a.patientId(), null, null)))));
    }
}
