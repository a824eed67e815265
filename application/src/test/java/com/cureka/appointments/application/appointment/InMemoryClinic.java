package com.cureka.appointments.application.appointment;

import com.cureka.appointments.application.availability.AlternativeSlots;
import com.cureka.appointments.application.availability.FindAvailableSlots;
import com.cureka.appointments.application.availability.SlotFinder;
import com.cureka.appointments.application.calendar.BuiltInCalendar;
import com.cureka.appointments.application.doctor.ChangeSchedule;
import com.cureka.appointments.application.memory.InMemoryAppointmentNumbers;
import com.cureka.appointments.application.memory.InMemoryAppointments;
import com.cureka.appointments.application.memory.InMemoryDoctors;
import com.cureka.appointments.application.memory.InProcessAvailabilityCache;
import com.cureka.appointments.application.port.availability.BookingRateLimiter;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.domain.booking.BookingPolicy;
import com.cureka.appointments.domain.booking.BookingRules;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import com.cureka.appointments.domain.schedule.Schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

/** The application wired with in-memory adapters and a fixed clock, as a service embedding it would. */
final class InMemoryClinic {
    static final Instant NOW = Instant.parse("2025-09-21T04:30:00Z"); // 10:00 in Kolkata
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final InMemoryDoctors doctors = new InMemoryDoctors();
    final InMemoryAppointments appointments = new InMemoryAppointments();
    final InProcessAvailabilityCache cache = new InProcessAvailabilityCache(Duration.ofMinutes(5), clock);
    final BookingPolicy policy = new BookingPolicy(BookingRules.STANDARD);
    final SlotFinder finder;
    final BookAppointment book;
    final FindAvailableSlots findSlots;
    final GetAppointment get;
    final CancelAppointment cancel;
    final RescheduleAppointment reschedule;
    final ListAppointments list;
    final ChangeSchedule changeSchedule;

    InMemoryClinic() {
        this(new BuiltInCalendar("https://meet.example/"), BookingRateLimiter.UNLIMITED);
    }

    InMemoryClinic(CalendarGateway calendar, BookingRateLimiter limiter) {
        finder = new SlotFinder(appointments, calendar, cache, policy);
        book = new BookAppointment(
                doctors,
                appointments,
                new InMemoryAppointmentNumbers("AID"),
                calendar,
                cache,
                limiter,
                new AlternativeSlots(finder, appointments, policy),
                policy,
                ZoneOffset.UTC,
                clock);
        findSlots = new FindAvailableSlots(doctors, finder, clock);
        get = new GetAppointment(appointments, doctors, appointments);
        cancel = new CancelAppointment(appointments, doctors, appointments, calendar, cache, clock);
        reschedule = new RescheduleAppointment(
                appointments,
                doctors,
                appointments,
                calendar,
                cache,
                new AlternativeSlots(finder, appointments, policy),
                policy,
                clock);
        list = new ListAppointments(appointments);
        changeSchedule = new ChangeSchedule(doctors, appointments, cache, clock);
    }

    Doctor doctor(String name) {
        var doctor = new Doctor(DoctorId.random(), name, "Cardiology", null, Schedule.standard(KOLKATA), null, true);
        doctors.add(doctor);
        return doctor;
    }

    static Patient patient(String name) {
        return new Patient(new PatientId(UUID.randomUUID()), name, null);
    }
}
