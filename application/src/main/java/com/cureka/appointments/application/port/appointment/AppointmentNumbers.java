package com.cureka.appointments.application.port.appointment;

import com.cureka.appointments.domain.appointment.AppointmentNumber;

import java.time.LocalDate;

/**
 * Output port: hands out appointment numbers. Within a day they increase and are never handed out twice,
 * across threads, processes and instances; gaps are allowed (a refused booking may use one up).
 */
public interface AppointmentNumbers {
    AppointmentNumber next(LocalDate day);
}
