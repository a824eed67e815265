package com.cureka.appointments.application.port.outbox;

import com.cureka.appointments.domain.appointment.AppointmentNumber;

import java.time.Instant;

/** A delivery as operators see it. {@code finishedAt} is when it was sent, skipped or given up. */
public record DeliveryRecord(
        long id,
        String consumer,
        String eventType,
        AppointmentNumber number,
        Status status,
        String recipient,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant finishedAt) {
    public enum Status {
        PENDING,
        SENT,
        FAILED,
        SKIPPED
    }
}
