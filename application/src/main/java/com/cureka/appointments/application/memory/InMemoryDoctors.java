package com.cureka.appointments.application.memory;

import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Doctors} in memory, for tests and for services that embed the application with their own storage. */
public final class InMemoryDoctors implements Doctors {
    private final Map<DoctorId, Doctor> doctors = new ConcurrentHashMap<>();

    @Override
    public boolean add(Doctor doctor) {
        return doctors.putIfAbsent(doctor.id(), doctor) == null;
    }

    @Override
    public Optional<Doctor> byId(DoctorId id) {
        return Optional.ofNullable(doctors.get(id));
    }

    @Override
    public List<Doctor> active(String specialtyOrNull) {
        return doctors.values().stream()
                .filter(Doctor::active)
                .filter(d -> specialtyOrNull == null || specialtyOrNull.equalsIgnoreCase(d.specialty()))
                .sorted(Comparator.comparing(Doctor::name).thenComparing(d -> d.id().value()))
                .toList();
    }

    @Override
    public boolean update(Doctor doctor) {
        return doctors.replace(doctor.id(), doctor) != null;
    }
}
