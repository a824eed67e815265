package com.cureka.appointments.application.port.availability;

import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Output port: a short-lived cache of a doctor-day-type's free slots (before the time-window rules, which
 * depend on the moment of asking). It only speeds up listings and never decides a booking. Implementations
 * must never fail the caller: a broken cache is a miss.
 */
public interface AvailabilityCache {
    Optional<List<TimeSlot>> get(DoctorId doctor, LocalDate day, AppointmentType type);

    void put(DoctorId doctor, LocalDate day, AppointmentType type, List<TimeSlot> freeSlots);

    /** Forgets every type's entry for that doctor and day (in the doctor's zone). */
    void invalidate(DoctorId doctor, LocalDate day);

    /** Forgets every entry of the doctor (schedule changed). */
    void invalidateDoctor(DoctorId doctor);

    AvailabilityCache NONE = new AvailabilityCache() {
        public Optional<List<TimeSlot>> get(DoctorId d, LocalDate day, AppointmentType t) {
            return Optional.empty();
        }

        public void put(DoctorId d, LocalDate day, AppointmentType t, List<TimeSlot> s) {}

        public void invalidate(DoctorId d, LocalDate day) {}

        public void invalidateDoctor(DoctorId d) {}
    };
}
