package com.cureka.appointments.application.port.webhook;

import com.cureka.appointments.application.port.appointment.AppointmentDetails;
import com.cureka.appointments.domain.appointment.AppointmentNumber;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One change of one appointment, as the outbox hands it on: {@code eventId} is the outbox row's id and becomes the
 * {@code webhook-id} every receiver sees (the same on every retry); {@code appointment} is the appointment after the
 * change, with its doctor and patient, as {@code GET /api/v1/appointments/{id}} shows it.
 */
public record AppointmentEvent(
        UUID eventId,
        WebhookEventType type,
        AppointmentNumber number,
        Instant occurredAt,
        AppointmentDetails appointment) {
    public AppointmentEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(appointment, "appointment");
    }
}
