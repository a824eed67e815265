package com.cureka.appointments.application.port.notification;

import com.cureka.appointments.domain.appointment.AppointmentNumber;

import java.time.Instant;

/** Output port: the link in a message that lets the patient act on one appointment without signing in. */
public interface ManageLinks {
    /** The full link for that appointment at that version, valid until {@code expiresAt} (its start). */
    String linkFor(AppointmentNumber number, long version, Instant expiresAt);
}
