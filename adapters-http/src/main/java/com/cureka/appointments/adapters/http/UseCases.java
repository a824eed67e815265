package com.cureka.appointments.adapters.http;

import com.cureka.appointments.application.appointment.BookAppointment;
import com.cureka.appointments.application.appointment.CancelAppointment;
import com.cureka.appointments.application.appointment.GetAppointment;
import com.cureka.appointments.application.appointment.ListAppointments;
import com.cureka.appointments.application.appointment.RecordVisitOutcome;
import com.cureka.appointments.application.appointment.RescheduleAppointment;
import com.cureka.appointments.application.availability.AlternativeSlots;
import com.cureka.appointments.application.availability.FindAvailableSlots;
import com.cureka.appointments.application.availability.SlotFinder;
import com.cureka.appointments.application.calendar.HandleCalendarEvent;
import com.cureka.appointments.application.doctor.ChangeSchedule;
import com.cureka.appointments.application.doctor.DeactivateDoctor;
import com.cureka.appointments.application.doctor.GetDoctor;
import com.cureka.appointments.application.doctor.ListDoctors;
import com.cureka.appointments.application.doctor.RegisterDoctor;
import com.cureka.appointments.application.port.appointment.AppointmentNumbers;
import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.availability.AvailabilityCache;
import com.cureka.appointments.application.port.availability.BookingRateLimiter;
import com.cureka.appointments.application.port.calendar.CalendarEventLog;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.application.port.patient.Patients;
import com.cureka.appointments.domain.booking.BookingPolicy;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/** The use cases the HTTP API drives, as the composition root built them. Each type appears once. */
public record UseCases(
        BookAppointment bookAppointment,
        GetAppointment getAppointment,
        ListAppointments listAppointments,
        CancelAppointment cancelAppointment,
        RescheduleAppointment rescheduleAppointment,
        RecordVisitOutcome recordVisitOutcome,
        FindAvailableSlots findAvailableSlots,
        ListDoctors listDoctors,
        GetDoctor getDoctor,
        RegisterDoctor registerDoctor,
        DeactivateDoctor deactivateDoctor,
        ChangeSchedule changeSchedule,
        HandleCalendarEvent handleCalendarEvent) {
    public UseCases {
        Objects.requireNonNull(bookAppointment, "bookAppointment");
        Objects.requireNonNull(getAppointment, "getAppointment");
        Objects.requireNonNull(listAppointments, "listAppointments");
        Objects.requireNonNull(cancelAppointment, "cancelAppointment");
        Objects.requireNonNull(rescheduleAppointment, "rescheduleAppointment");
        Objects.requireNonNull(recordVisitOutcome, "recordVisitOutcome");
        Objects.requireNonNull(findAvailableSlots, "findAvailableSlots");
        Objects.requireNonNull(listDoctors, "listDoctors");
        Objects.requireNonNull(getDoctor, "getDoctor");
        Objects.requireNonNull(registerDoctor, "registerDoctor");
        Objects.requireNonNull(deactivateDoctor, "deactivateDoctor");
        Objects.requireNonNull(changeSchedule, "changeSchedule");
        Objects.requireNonNull(handleCalendarEvent, "handleCalendarEvent");
    }

    /** The ports and rules the use cases are built over: what differs between the app and its test clinics. */
    public record Parts(
            Doctors doctors,
            Appointments appointments,
            Patients patients,
            AppointmentNumbers numbers,
            CalendarGateway calendar,
            AvailabilityCache cache,
            BookingRateLimiter limiter,
            BookingPolicy policy,
            ZoneId numberZone,
            CalendarEventLog calendarEvents,
            Clock clock) {}

    /** Every use case over the same parts, wired one way, so that the app and the test clinics cannot drift apart. */
    public static UseCases over(Parts p) {
        var finder = new SlotFinder(p.appointments(), p.calendar(), p.cache(), p.policy());
        var alternatives = new AlternativeSlots(finder, p.appointments(), p.policy());
        return new UseCases(
                new BookAppointment(
                        p.doctors(),
                        p.appointments(),
                        p.numbers(),
                        p.calendar(),
                        p.cache(),
                        p.limiter(),
                        alternatives,
                        p.policy(),
                        p.numberZone(),
                        p.clock()),
                new GetAppointment(p.appointments(), p.doctors(), p.patients()),
                new ListAppointments(p.appointments()),
                new CancelAppointment(p.appointments(), p.doctors(), p.patients(), p.calendar(), p.cache(), p.clock()),
                new RescheduleAppointment(
                        p.appointments(),
                        p.doctors(),
                        p.patients(),
                        p.calendar(),
                        p.cache(),
                        alternatives,
                        p.policy(),
                        p.clock()),
                new RecordVisitOutcome(p.appointments(), p.doctors(), p.patients(), p.clock()),
                new FindAvailableSlots(p.doctors(), finder, p.clock()),
                new ListDoctors(p.doctors()),
                new GetDoctor(p.doctors()),
                new RegisterDoctor(p.doctors()),
                new DeactivateDoctor(p.doctors(), p.cache()),
                new ChangeSchedule(p.doctors(), p.appointments(), p.cache(), p.clock()),
                new HandleCalendarEvent(p.appointments(), p.doctors(), p.cache(), p.calendarEvents(), p.clock()));
    }
}
