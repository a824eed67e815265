package com.cureka.appointments.adapters.http;

import com.cureka.appointments.application.appointment.BookAppointment;
import com.cureka.appointments.application.appointment.CancelAppointment;
import com.cureka.appointments.application.appointment.GetAppointment;
import com.cureka.appointments.application.appointment.ListAppointments;
import com.cureka.appointments.application.appointment.RecordVisitOutcome;
import com.cureka.appointments.application.appointment.RescheduleAppointment;
import com.cureka.appointments.application.availability.FindAvailableSlots;
import com.cureka.appointments.application.calendar.HandleCalendarEvent;
import com.cureka.appointments.application.doctor.ChangeSchedule;
import com.cureka.appointments.application.doctor.DeactivateDoctor;
import com.cureka.appointments.application.doctor.GetDoctor;
import com.cureka.appointments.application.doctor.ListDoctors;
import com.cureka.appointments.application.doctor.RegisterDoctor;

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
}
