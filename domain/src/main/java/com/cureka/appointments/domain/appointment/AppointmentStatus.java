package com.cureka.appointments.domain.appointment;

import java.util.Locale;

/** PENDING → SCHEDULED → CANCELLED | COMPLETED | NO_SHOW; a PENDING hold may also be released (CANCELLED). */
public enum AppointmentStatus {
    PENDING,
    SCHEDULED,
    CANCELLED,
    COMPLETED,
    NO_SHOW;

    /** Whether an appointment in this status keeps its slot from everyone else. */
    public boolean holdsSlot() {
        return this == PENDING || this == SCHEDULED;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
