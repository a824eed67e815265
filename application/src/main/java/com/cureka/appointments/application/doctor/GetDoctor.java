package com.cureka.appointments.application.doctor;

import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;

import java.util.Optional;

/** Use case: one active doctor; a deactivated doctor is not found. */
public final class GetDoctor {
    private final Doctors doctors;

    public GetDoctor(Doctors doctors) {
        this.doctors = doctors;
    }

    public Optional<Doctor> get(DoctorId id) {
        return doctors.byId(id).filter(Doctor::active);
    }
}
