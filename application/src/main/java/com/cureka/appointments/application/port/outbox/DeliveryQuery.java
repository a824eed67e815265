package com.cureka.appointments.application.port.outbox;

import com.cureka.appointments.domain.appointment.AppointmentNumber;

/** A page of deliveries of one consumer, newest first; any filter may be null. {@code beforeId} is the cursor. */
public record DeliveryQuery(
        String consumer, AppointmentNumber number, DeliveryRecord.Status status, int limit, Long beforeId) {}
