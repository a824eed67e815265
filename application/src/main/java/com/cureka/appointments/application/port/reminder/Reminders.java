package com.cureka.appointments.application.port.reminder;

import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;

import java.time.Instant;
import java.util.List;

/** Output port: which scheduled appointments still need a reminder, and a once-only claim on sending one. */
public interface Reminders {
    /** SCHEDULED appointments starting in [from, to) that no reminder was claimed for, earliest first. */
    List<Appointment> due(Instant from, Instant to, int limit);

    /** Claims the reminder of one appointment; false when it was claimed already (by this or another instance). */
    boolean claim(AppointmentNumber number, Instant at);

    /** Gives a claim back after the notifier failed, so that the next run retries. */
    void unclaim(AppointmentNumber number);
}
