package com.cureka.appointments.application.port.appointment;

import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.kernel.TimeSlot;

import java.time.Instant;

/** One line of an appointment's append-only history: who, when, what, from which state and slot to which. */
public record AuditEntry(
        AppointmentNumber number,
        Instant at,
        String actor,
        Change.Action action,
        AppointmentStatus fromStatus,
        AppointmentStatus toStatus,
        TimeSlot fromSlot,
        TimeSlot toSlot,
        String reason) {}
