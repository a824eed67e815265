package com.cureka.appointments.testkit.calendar;

import com.cureka.appointments.application.calendar.BuiltInCalendar;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.schedule.Schedule;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/** The built-in calendar keeps the port's promises; it adds no constraint, so our database prevents double booking. */
class BuiltInCalendarContractTest extends CalendarGatewayContract {
    private final CalendarGateway gateway = new BuiltInCalendar("https://meet.example.org/");
    private final Doctor doctor = new Doctor(
            new DoctorId(UUID.fromString("00000000-0000-0000-0000-00000000b111")),
            "Dr Built In",
            "General practice",
            "built.in@example.org",
            Schedule.standard(ZoneId.of("Europe/Rome")),
            null,
            true);

    @Override
    protected CalendarGateway gateway() {
        return gateway;
    }

    @Override
    protected Doctor doctor() {
        return doctor;
    }

    @Override
    protected LocalDate freeDay() {
        return LocalDate.of(2030, 3, 5);
    }

    @Override
    protected void markBusy(Doctor doctor, TimeSlot slot) {
        // no calendar of its own: nothing can be busy in it
    }

    @Override
    protected boolean detectsConflicts() {
        return false;
    }
}
