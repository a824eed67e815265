package com.cureka.appointments.application.availability;

import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** Use case: the free starts of one day for a doctor and appointment type, after every rule of a booking. */
public final class FindAvailableSlots {
    private final Doctors doctors;
    private final SlotFinder slots;
    private final Clock clock;

    public FindAvailableSlots(Doctors doctors, SlotFinder slots, Clock clock) {
        this.doctors = doctors;
        this.slots = slots;
        this.clock = clock;
    }

    public record Query(DoctorId doctorId, LocalDate day, AppointmentType type) {}

    public sealed interface Result {
        record Found(Doctor doctor, List<TimeSlot> slots) implements Result {}

        record Rejected(Rejection reason) implements Result {}
    }

    public Result find(Query query) {
        var doctor = doctors.byId(query.doctorId()).filter(Doctor::active);
        if (doctor.isEmpty()) {
            return new Result.Rejected(new Rejection.DoctorNotFound());
        }
        return slots.freeSlots(doctor.get(), query.type(), query.day(), query.day(), clock.instant())
                .<Result>map(free -> new Result.Found(doctor.get(), free))
                .orElseGet(() -> new Result.Rejected(new Rejection.CalendarUnavailable(Duration.ofSeconds(30))));
    }
}
