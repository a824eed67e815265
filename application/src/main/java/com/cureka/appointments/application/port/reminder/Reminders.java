package com.cureka.appointments.application.port.reminder;

import com.cureka.appointments.domain.appointment.Appointment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Output port: which scheduled appointments need a reminder at one offset before their start, and a once-only claim
 * that queues it. Sending is the outbox's job: the claim writes the reminder event in its own transaction, so a
 * reminder is neither lost (the outbox retries) nor repeated (the claim is once per appointment and offset).
 */
public interface Reminders {
    /**
     * SCHEDULED appointments starting in [now, now + offset), booked at least {@code offset} before their start (a
     * reminder whose moment had passed at booking time is never due), with no claim for this offset; earliest first.
     */
    List<Appointment> due(Duration offset, Instant now, int limit);

    /**
     * Claims the reminder of the appointment at this offset and queues its outbox event, in one transaction; false
     * when it was claimed already (by this or another instance) or the appointment is no longer SCHEDULED at that start.
     */
    boolean claim(Appointment appointment, Duration offset, Instant at);
}
