package com.cureka.appointments.adapters.mail;

import com.cureka.appointments.application.port.notification.Notice;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.kernel.TimeSlot;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/** Notices for the specs: Asha's appointment with Dr. Patel on Monday 24 November 2025, 15:30 in Kolkata. */
final class Notices {
    static final Instant START = Instant.parse("2025-11-24T10:00:00Z");
    static final AppointmentNumber NUMBER = new AppointmentNumber("AID", LocalDate.of(2025, 11, 20), 7);

    private Notices() {}

    static Notice of(Notice.Kind kind, long sequence) {
        return new Notice(
                UUID.randomUUID(),
                kind,
                NUMBER,
                "asha@example.org",
                "Asha Rao",
                "Dr. Priya Patel",
                ZoneId.of("Asia/Kolkata"),
                TimeSlot.of(START, Duration.ofMinutes(30)),
                sequence,
                "https://meet.example.org/aid-7",
                kind == Notice.Kind.CANCELLED ? null : "http://localhost:7070/manage/token-" + sequence);
    }
}
