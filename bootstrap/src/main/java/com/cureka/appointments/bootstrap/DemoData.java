package com.cureka.appointments.bootstrap;

import com.cureka.appointments.application.doctor.RegisterDoctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.schedule.WorkingHours;
import com.cureka.appointments.domain.schedule.WorkingPeriod;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.UUID;

/** A few demo doctors and users with fixed ids, so a newcomer can book at once. Seeding twice changes nothing. */
final class DemoData {
    static final DoctorId PRIYA = new DoctorId(UUID.fromString("7d0f8a5e-3c1b-4e2a-9f00-000000000001"));
    static final DoctorId ARJUN = new DoctorId(UUID.fromString("7d0f8a5e-3c1b-4e2a-9f00-000000000002"));
    static final DoctorId SARAH = new DoctorId(UUID.fromString("7d0f8a5e-3c1b-4e2a-9f00-000000000003"));
    static final UUID PATIENT = UUID.fromString("3f6c1a2b-8d4e-4f5a-9b6c-000000000001");
    static final String PATIENT_NAME = "Rajesh Kumar";
    static final UUID ADMIN = UUID.fromString("a0d0a0d0-0000-4000-8000-000000000001");
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    private DemoData() {}

    static void seed(RegisterDoctor register) {
        register.register(new RegisterDoctor.Command(
                PRIYA, "Dr. Priya Patel", "Cardiology", "priya.patel@example.com", KOLKATA, null, null, null));
        register.register(new RegisterDoctor.Command(
                ARJUN,
                "Dr. Arjun Rao",
                "Dermatology",
                "arjun.rao@example.com",
                KOLKATA,
                weekdays(WorkingPeriod.of("09:00", "13:00"), WorkingPeriod.of("14:00", "18:00")),
                15,
                null));
        register.register(new RegisterDoctor.Command(
                SARAH,
                "Dr. Sarah Chen",
                "General Practice",
                "sarah.chen@example.com",
                ZoneId.of("Europe/Berlin"),
                weekdays(WorkingPeriod.of("08:00", "16:00")),
                20,
                null));
    }

    private static WorkingHours weekdays(WorkingPeriod... periods) {
        var hours = new EnumMap<DayOfWeek, List<WorkingPeriod>>(DayOfWeek.class);
        for (DayOfWeek day : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            hours.put(day, List.of(periods));
        }
        return new WorkingHours(hours);
    }
}
