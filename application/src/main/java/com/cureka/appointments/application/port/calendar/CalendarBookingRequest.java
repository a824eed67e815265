package com.cureka.appointments.application.port.calendar;

import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;

/** What the calendar needs to book: who with whom, when, and our appointment number to find it again. */
public record CalendarBookingRequest(
        AppointmentNumber number, Doctor doctor, Patient patient, AppointmentType type, TimeSlot slot, String notes) {}
