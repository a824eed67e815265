package com.cureka.appointments.application.port.outbox;

import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentStatus;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which event, if any, a stored change stands for; every {@code Appointments} implementation asks this in the
 * transaction of the change, so that the mapping is written once.
 *
 * <p>A booking is "booked" when the patient has it: at once with the built-in calendar (stored SCHEDULED), or at
 * the CONFIRMED change for an external calendar (the PENDING hold may still be discarded, and must tell nobody).
 * RELEASED (a hold the calendar never confirmed) is no event: the patient never had the appointment.
 */
public final class AppointmentEvents {
    private AppointmentEvents() {}

    /**
     * @param sequence how many changes the appointment went through before this state (0 for a new booking):
     *     the iCalendar SEQUENCE and the version a manage link names
     */
    public static Optional<OutboxEvent> of(Change change, AppointmentStatus before, Appointment after, long sequence) {
        String type = switch (change.action()) {
            case BOOKED -> after.status() == AppointmentStatus.SCHEDULED ? EventType.BOOKED : null;
            case CONFIRMED -> before == AppointmentStatus.PENDING ? EventType.BOOKED : null;
            case RELEASED -> null;
            case RESCHEDULED -> EventType.RESCHEDULED;
            case CANCELLED -> before == AppointmentStatus.PENDING ? null : EventType.CANCELLED;
            case COMPLETED -> EventType.COMPLETED;
            case NO_SHOW -> EventType.NO_SHOW;
        };
        if (type == null) {
            return Optional.empty();
        }
        var payload = new HashMap<String, String>();
        payload.put("status", after.status().name());
        payload.put("starts_at", after.slot().start().toString());
        payload.put("ends_at", after.slot().end().toString());
        payload.put("sequence", Long.toString(sequence));
        payload.put("actor", change.actor());
        if (change.reason() != null) {
            payload.put("reason", change.reason());
        }
        return Optional.of(new OutboxEvent(UUID.randomUUID(), type, after.number(), change.at(), payload));
    }

    /** The reminder of one offset before the start, for the appointment as it stands. */
    public static OutboxEvent reminder(Appointment appointment, String offset, long sequence, Instant at) {
        return new OutboxEvent(
                UUID.randomUUID(),
                EventType.REMINDER,
                appointment.number(),
                at,
                Map.of(
                        "status", appointment.status().name(),
                        "starts_at", appointment.slot().start().toString(),
                        "ends_at", appointment.slot().end().toString(),
                        "sequence", Long.toString(sequence),
                        "offset", offset));
    }
}
