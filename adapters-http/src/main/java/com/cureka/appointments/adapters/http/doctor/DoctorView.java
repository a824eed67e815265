package com.cureka.appointments.adapters.http.doctor;

import com.cureka.appointments.domain.doctor.Doctor;

/** A doctor as any signed-in user sees it. */
record DoctorView(String doctorId, String name, String specialty, String timeZone) {
    static DoctorView of(Doctor doctor) {
        return new DoctorView(
                doctor.id().toString(),
                doctor.name(),
                doctor.specialty(),
                doctor.schedule().zone().getId());
    }
}
