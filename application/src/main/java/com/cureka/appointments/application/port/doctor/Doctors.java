package com.cureka.appointments.application.port.doctor;

import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;

import java.util.List;
import java.util.Optional;

/** Output port: the doctors who can be booked. */
public interface Doctors {
    /** Stores a new doctor; false when a doctor with that id exists already (active or not). */
    boolean add(Doctor doctor);

    /** The doctor with that id, active or not. */
    Optional<Doctor> byId(DoctorId id);

    /** Active doctors, by name; with a specialty, only those whose specialty matches it ignoring case. */
    List<Doctor> active(String specialtyOrNull);

    /** Replaces the stored doctor (schedule changes, deactivation); false when there is none with its id. */
    boolean update(Doctor doctor);
}
