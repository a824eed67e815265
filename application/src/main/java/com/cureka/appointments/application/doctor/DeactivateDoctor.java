package com.cureka.appointments.application.doctor;

import com.cureka.appointments.application.port.availability.AvailabilityCache;
import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;

/**
 * Use case (admin): a doctor takes no new bookings and is no longer listed; their history is kept.
 * Answers false when there is no active doctor with that id.
 */
public final class DeactivateDoctor {
    private final Doctors doctors;
    private final AvailabilityCache cache;

    public DeactivateDoctor(Doctors doctors, AvailabilityCache cache) {
        this.doctors = doctors;
        this.cache = cache;
    }

    public boolean deactivate(DoctorId id) {
        var doctor = doctors.byId(id).filter(Doctor::active);
        if (doctor.isEmpty()) {
            return false;
        }
        doctors.update(doctor.get().deactivated());
        cache.invalidateDoctor(id);
        return true;
    }
}
