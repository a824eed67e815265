package com.cureka.appointments.testkit.webhook;

import com.cureka.appointments.application.port.appointment.AppointmentDetails;
import com.cureka.appointments.application.port.webhook.AppointmentEvent;
import com.cureka.appointments.application.port.webhook.WebhookEventType;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import com.cureka.appointments.domain.schedule.Schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/** Appointment events as the outbox would hand them to the webhooks' seam, for tests. */
public final class AppointmentEvents {
    public static final Doctor DOCTOR = new Doctor(
            new DoctorId(UUID.fromString("0c5e2a4e-3333-4b7c-8d2e-000000000001")),
            "Dr. Priya Sharma",
            "Cardiology",
            null,
            Schedule.standard(ZoneId.of("Asia/Kolkata")),
            null,
            true);
    public static final Patient PATIENT =
            new Patient(new PatientId(UUID.fromString("0c5e2a4e-4444-4b7c-8d2e-000000000001")), "Asha Rao", null);

    private AppointmentEvents() {}

    /** Appointment number {@code AID-20260301-<sequence>}. */
    public static AppointmentNumber number(long sequence) {
        return new AppointmentNumber("AID", LocalDate.of(2026, 3, 1), sequence);
    }

    /** A new event (a new id) of the type for the appointment, happening at {@code at}. */
    public static AppointmentEvent event(WebhookEventType type, AppointmentNumber number, Instant at) {
        var start = Instant.parse("2026-03-10T04:30:00Z");
        var appointment = Appointment.hold(
                        number,
                        DOCTOR.id(),
                        PATIENT.id(),
                        AppointmentType.CONSULTATION,
                        TimeSlot.of(start, Duration.ofMinutes(30)),
                        "chest pain",
                        at)
                .confirm(null, null, at);
        return new AppointmentEvent(
                UUID.randomUUID(), type, number, at, new AppointmentDetails(appointment, DOCTOR, PATIENT));
    }
}
