package com.cureka.appointments.application.doctor;

import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.availability.AvailabilityCache;
import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.schedule.Placement;
import com.cureka.appointments.domain.schedule.Schedule;
import com.cureka.appointments.domain.schedule.TimeOff;
import com.cureka.appointments.domain.schedule.WorkingHours;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Use case (admin): new working hours or time off for a doctor. Later bookings obey them; appointments
 * already made are kept and reported back as conflicts, for the clinic to settle with the patients.
 */
public final class ChangeSchedule {
    private static final Duration LOOK_AHEAD = Duration.ofDays(366);

    private final Doctors doctors;
    private final Appointments appointments;
    private final AvailabilityCache cache;
    private final Clock clock;

    public ChangeSchedule(Doctors doctors, Appointments appointments, AvailabilityCache cache, Clock clock) {
        this.doctors = doctors;
        this.appointments = appointments;
        this.cache = cache;
        this.clock = clock;
    }

    /** The doctor as now stored, and the upcoming appointments that the new schedule no longer allows. */
    public record Changed(Doctor doctor, List<Appointment> conflicts) {}

    /** What removing a time off came to. */
    public sealed interface Removal {
        record Removed(Changed changed) implements Removal {}

        record NoSuchDoctor() implements Removal {}

        record NoSuchTimeOff() implements Removal {}
    }

    public Optional<Changed> replaceWorkingHours(DoctorId id, WorkingHours hours) {
        return change(id, schedule -> schedule.withWorkingHours(hours));
    }

    public Optional<Changed> addTimeOff(DoctorId id, TimeOff off) {
        return change(id, schedule -> schedule.withTimeOff(off));
    }

    /** Removes one time off by its id; an unknown id changes nothing. */
    public Removal removeTimeOff(DoctorId id, UUID timeOffId) {
        var found = doctors.byId(id).filter(Doctor::active);
        if (found.isEmpty()) {
            return new Removal.NoSuchDoctor();
        }
        if (found.get().schedule().timeOff(timeOffId).isEmpty()) {
            return new Removal.NoSuchTimeOff();
        }
        return change(id, schedule -> schedule.withoutTimeOff(timeOffId))
                .<Removal>map(Removal.Removed::new)
                .orElseGet(Removal.NoSuchDoctor::new);
    }

    private Optional<Changed> change(DoctorId id, UnaryOperator<Schedule> edit) {
        var found = doctors.byId(id).filter(Doctor::active);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var doctor = found.get().withSchedule(edit.apply(found.get().schedule()));
        doctors.update(doctor);
        cache.invalidateDoctor(id);
        var now = clock.instant();
        var upcoming = appointments.holdingSlotsOfDoctor(id, new TimeSlot(now, now.plus(LOOK_AHEAD)));
        var conflicts = upcoming.stream()
                .filter(a -> doctor.schedule().place(a.slot()) != Placement.ON_GRID
                        && doctor.schedule().place(a.slot()) != Placement.OFF_GRID)
                .toList();
        return Optional.of(new Changed(doctor, conflicts));
    }
}
