package com.cureka.appointments.domain.doctor;

import com.cureka.appointments.domain.schedule.Schedule;

import java.util.Objects;
import java.util.Optional;

/** A doctor who can be booked, with the schedule that decides when. */
public record Doctor(
        DoctorId id,
        String name,
        String specialty,
        String email,
        Schedule schedule,
        CalendarAccount calendarAccount,
        boolean active) {
    public static final int MAX_NAME_LENGTH = 200;

    public Doctor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(schedule, "schedule");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a doctor needs a name");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a doctor's name is at most " + MAX_NAME_LENGTH + " characters");
        }
        name = name.strip();
    }

    public Optional<CalendarAccount> calendar() {
        return Optional.ofNullable(calendarAccount);
    }

    public Doctor withSchedule(Schedule newSchedule) {
        return new Doctor(id, name, specialty, email, newSchedule, calendarAccount, active);
    }

    public Doctor deactivated() {
        return new Doctor(id, name, specialty, email, schedule, calendarAccount, false);
    }
}
