package com.cureka.appointments.application.doctor;

import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.domain.doctor.CalendarAccount;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.schedule.Schedule;
import com.cureka.appointments.domain.schedule.WorkingHours;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/** Use case (admin): adds a doctor who can be booked, with working hours and an optional external calendar. */
public final class RegisterDoctor {
    private final Doctors doctors;

    public RegisterDoctor(Doctors doctors) {
        this.doctors = doctors;
    }

    /**
     * {@code id} may be given (the doctor's user id at the identity provider) or null to generate one;
     * {@code workingHours} null means 09:00–18:00 every day; {@code slotIntervalMinutes} null means 15.
     */
    public record Command(
            DoctorId id,
            String name,
            String specialty,
            String email,
            ZoneId zone,
            WorkingHours workingHours,
            Integer slotIntervalMinutes,
            CalendarAccount calendar) {
        public Command {
            Objects.requireNonNull(zone, "zone");
        }
    }

    public sealed interface Result {
        record Registered(Doctor doctor) implements Result {}

        record AlreadyExists(DoctorId id) implements Result {}
    }

    public Result register(Command command) {
        var id = command.id() == null ? DoctorId.random() : command.id();
        var schedule = new Schedule(
                command.zone(),
                command.workingHours() == null ? WorkingHours.standard() : command.workingHours(),
                command.slotIntervalMinutes() == null
                        ? Schedule.DEFAULT_SLOT_INTERVAL_MINUTES
                        : command.slotIntervalMinutes(),
                List.of());
        var doctor = new Doctor(
                id, command.name(), command.specialty(), command.email(), schedule, command.calendar(), true);
        return doctors.add(doctor) ? new Result.Registered(doctor) : new Result.AlreadyExists(id);
    }
}
