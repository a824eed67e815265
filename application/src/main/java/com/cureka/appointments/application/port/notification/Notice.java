package com.cureka.appointments.application.port.notification;

import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.kernel.TimeSlot;

import java.time.ZoneId;
import java.util.Objects;
import java.util.UUID;

/**
 * One message to one patient, everything the channel needs and nothing it must look up.
 *
 * @param eventId the outbox event it stands for: the same on every retry (the mail's Message-ID is made of it)
 * @param slot the appointment's time as of the event
 * @param sequence the appointment's version as of the event: the iCalendar SEQUENCE
 * @param videoUrl may be null
 * @param manageLink may be null (a cancelled appointment has nothing left to manage)
 */
public record Notice(
        UUID eventId,
        Kind kind,
        AppointmentNumber number,
        String to,
        String patientName,
        String doctorName,
        ZoneId doctorZone,
        TimeSlot slot,
        long sequence,
        String videoUrl,
        String manageLink) {
    public enum Kind {
        BOOKED,
        RESCHEDULED,
        CANCELLED,
        REMINDER
    }

    public Notice {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(doctorZone, "doctorZone");
        Objects.requireNonNull(slot, "slot");
    }
}
