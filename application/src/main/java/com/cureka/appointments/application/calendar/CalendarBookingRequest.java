package com.cureka.appointments.application.calendar;

import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentType;
import com.cureka.appointments.domain.appointment.TimeSlot;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.patient.Patient;

/** What the calendar needs to book: who with whom, when, and our appointment number to find it again. */
public record CalendarBookingRequest(AppointmentNumber number, Doctor doctor, Patient patient, AppointmentType type,
                                     TimeSlot slot, String notes) {
}
