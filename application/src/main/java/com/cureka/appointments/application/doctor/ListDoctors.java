package com.cureka.appointments.application.doctor;

import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.domain.doctor.Doctor;

import java.util.List;

/** Use case: the active doctors, optionally of one specialty. */
public final class ListDoctors {
    private final Doctors doctors;

    public ListDoctors(Doctors doctors) {
        this.doctors = doctors;
    }

    public List<Doctor> list(String specialtyOrNull) {
        return doctors.active(specialtyOrNull == null || specialtyOrNull.isBlank() ? null : specialtyOrNull.strip());
    }
}
