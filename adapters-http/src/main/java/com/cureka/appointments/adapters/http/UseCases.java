package com.cureka.appointments.adapters.http;

import com.cureka.appointments.application.appointment.BookAppointment;
import com.cureka.appointments.application.appointment.GetAppointment;
import com.cureka.appointments.application.availability.FindAvailableSlots;
import com.cureka.appointments.application.doctor.DeactivateDoctor;
import com.cureka.appointments.application.doctor.GetDoctor;
import com.cureka.appointments.application.doctor.ListDoctors;
import com.cureka.appointments.application.doctor.RegisterDoctor;

import java.util.Objects;

/** The use cases the HTTP API drives, as the composition root built them. */
public record UseCases(BookAppointment bookAppointment,
                       GetAppointment getAppointment,
                       FindAvailableSlots findAvailableSlots,
                       ListDoctors listDoctors,
                       GetDoctor getDoctor,
                       RegisterDoctor registerDoctor,
                       DeactivateDoctor deactivateDoctor) {
    public UseCases {
        Objects.requireNonNull(bookAppointment, "bookAppointment");
        Objects.requireNonNull(getAppointment, "getAppointment");
        Objects.requireNonNull(findAvailableSlots, "findAvailableSlots");
        Objects.requireNonNull(listDoctors, "listDoctors");
        Objects.requireNonNull(getDoctor, "getDoctor");
        Objects.requireNonNull(registerDoctor, "registerDoctor");
        Objects.requireNonNull(deactivateDoctor, "deactivateDoctor");
    }
}
