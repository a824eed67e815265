package com.cureka.appointments.application.outbox;

import com.cureka.appointments.application.memory.InMemoryAppointments;
import com.cureka.appointments.application.memory.InMemoryDoctors;
import com.cureka.appointments.application.port.appointment.AppointmentDetails;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.outbox.OutboxEvent;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import com.cureka.appointments.domain.schedule.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Each event's appointment read once for all the outbox's consumers, and never kept past the event or its batch. */
class CurrentAppointmentsTest {
    private static final Instant NOW = Instant.parse("2025-11-20T08:00:00Z");

    private final InMemoryDoctors doctors = new InMemoryDoctors();
    private final InMemoryAppointments appointments = new InMemoryAppointments();
    private final CurrentAppointments current = new CurrentAppointments(appointments, doctors, appointments);
    private final Patient asha = new Patient(new PatientId(UUID.randomUUID()), "Asha", "asha@example.org");

    @Test
    void within_a_batch_every_consumer_of_an_event_sees_the_appointment_as_first_read_for_it() {
        var booked = booked();
        var event = eventOf(booked);
        var seen = new ArrayList<AppointmentStatus>();

        current.within(() -> {
            seen.add(statusFor(event));
            cancel(booked);
            seen.add(statusFor(event));
        });

        assertThat(seen).containsExactly(AppointmentStatus.SCHEDULED, AppointmentStatus.SCHEDULED);
    }

    @Test
    void a_later_event_of_the_same_appointment_in_the_batch_reads_it_afresh() {
        var booked = booked();
        var seen = new ArrayList<AppointmentStatus>();

        current.within(() -> {
            seen.add(statusFor(eventOf(booked)));
            cancel(booked); // e.g. while the first event's e-mail was being sent
            seen.add(statusFor(eventOf(booked)));
        });

        assertThat(seen).containsExactly(AppointmentStatus.SCHEDULED, AppointmentStatus.CANCELLED);
    }

    @Test
    void the_next_batch_and_any_read_outside_a_batch_see_the_appointment_as_it_is_now() {
        var booked = booked();
        var event = eventOf(booked);
        current.within(() -> statusFor(event));
        cancel(booked);

        var nextBatch = new ArrayList<AppointmentStatus>();
        current.within(() -> nextBatch.add(statusFor(event)));

        assertThat(nextBatch).containsExactly(AppointmentStatus.CANCELLED);
        assertThat(statusFor(event)).isEqualTo(AppointmentStatus.CANCELLED);
    }

    @Test
    void the_details_name_the_doctor_and_the_patient_as_last_seen() {
        var booked = booked();

        var details = current.of(eventOf(booked)).orElseThrow();

        assertThat(details.doctor().id()).isEqualTo(booked.doctorId());
        assertThat(details.patient()).isEqualTo(asha);
        assertThat(current.of(new OutboxEvent(
                        UUID.randomUUID(),
                        "appointment.booked",
                        new AppointmentNumber("AID", LocalDate.of(2025, 11, 20), 99),
                        NOW,
                        Map.of())))
                .isEmpty();
    }

    /** A new event (its own id) of the appointment, as the outbox records one per change. */
    private static OutboxEvent eventOf(Appointment appointment) {
        return new OutboxEvent(UUID.randomUUID(), "appointment.booked", appointment.number(), NOW, Map.of());
    }

    private AppointmentStatus statusFor(OutboxEvent event) {
        return current.of(event)
                .map(AppointmentDetails::appointment)
                .orElseThrow()
                .status();
    }

    private Appointment booked() {
        var doctor = new Doctor(
                DoctorId.random(), "Dr. Rao", "Cardiology", null, Schedule.standard(ZoneOffset.UTC), null, true);
        doctors.add(doctor);
        var appointment = Appointment.hold(
                        new AppointmentNumber("AID", LocalDate.of(2025, 11, 20), 1),
                        doctor.id(),
                        asha.id(),
                        AppointmentType.CONSULTATION,
                        TimeSlot.of(NOW.plus(Duration.ofDays(2)), Duration.ofMinutes(30)),
                        null,
                        NOW)
                .confirm("builtin", MeetingLinks.NONE, NOW);
        appointments.hold(appointment, asha, 10, NOW);
        return appointment;
    }

    private void cancel(Appointment appointment) {
        var cancelled = appointment.cancel(NOW);
        assertThat(appointments.replace(
                        appointment, cancelled, new Change("patient", Change.Action.CANCELLED, "changed plans", NOW)))
                .isEmpty();
    }
}
