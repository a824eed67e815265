package com.cureka.appointments.adapters.mail;

import com.cureka.appointments.application.memory.InMemoryAppointments;
import com.cureka.appointments.application.memory.InMemoryDoctors;
import com.cureka.appointments.application.notification.NotifyPatients;
import com.cureka.appointments.application.outbox.Backoff;
import com.cureka.appointments.application.outbox.CurrentAppointments;
import com.cureka.appointments.application.outbox.DispatchOutbox;
import com.cureka.appointments.application.port.appointment.HoldResult;
import com.cureka.appointments.application.port.outbox.DeliveryQuery;
import com.cureka.appointments.application.port.outbox.DeliveryRecord.Status;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import com.cureka.appointments.domain.schedule.Schedule;
import com.cureka.appointments.testkit.time.MutableClock;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** From a committed booking to the patient's inbox: outbox, dispatcher, notifier and a real SMTP server. */
class NotificationDeliveryTest {
    private static final Instant NOW = Instant.parse("2025-11-20T08:00:00Z");
    private static final DoctorId DOCTOR = new DoctorId(UUID.fromString("7d0f8a5e-3333-4a6b-9c1d-000000000001"));

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryAppointments appointments = new InMemoryAppointments();
    private final InMemoryDoctors doctors = new InMemoryDoctors();
    private final GreenMail server =
            new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    private int sequence;

    @AfterEach
    void stopServer() {
        server.stop();
    }

    private DispatchOutbox dispatcher(int port) {
        var mailer = Mailers.of(new MailSettings(
                URI.create("smtp://127.0.0.1:" + port),
                "appointments@clinic.example",
                Path.of("unused"),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1)));
        var current = new CurrentAppointments(appointments, doctors, appointments);
        var notify = new NotifyPatients(current, (n, v, e) -> "http://localhost/manage/t", mailer);
        return new DispatchOutbox(
                appointments.outbox(),
                List.of(notify),
                new Backoff(List.of(Duration.ofSeconds(30)), 10),
                clock,
                current::within);
    }

    @Test
    void a_server_that_is_down_delays_the_message_and_it_arrives_once_after_recovery() {
        doctors.add(new Doctor(
                DOCTOR,
                "Dr. Priya Patel",
                "Cardiology",
                null,
                Schedule.standard(ZoneId.of("Asia/Kolkata")),
                null,
                true));
        server.start();
        int port = server.getSmtp().getPort();
        var dispatcher = dispatcher(port);
        server.stop();

        book(new Patient(new PatientId(UUID.randomUUID()), "Asha Rao", "asha@example.org"));
        assertThat(dispatcher.run().retried())
                .as("the booking stands; its message waits")
                .isEqualTo(1);

        var recovered = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        recovered.start();
        try {
            clock.advance(Duration.ofSeconds(30));
            assertThat(dispatcher.run().done()).isEqualTo(1);
            clock.advance(Duration.ofHours(1));
            dispatcher.run();

            assertThat(recovered.waitForIncomingEmail(5000, 1)).isTrue();
            assertThat(recovered.getReceivedMessages()).hasSize(1);
            assertThat(appointments.outbox().list(new DeliveryQuery(null, null, null, 10, null)))
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.status()).isEqualTo(Status.SENT);
                        assertThat(d.attempts()).isEqualTo(2);
                        assertThat(d.recipient()).isEqualTo("asha@example.org");
                    });
        } finally {
            recovered.stop();
        }
    }

    @Test
    void a_patient_without_an_address_is_skipped_with_the_reason_and_nothing_is_sent() {
        doctors.add(new Doctor(
                DOCTOR,
                "Dr. Priya Patel",
                "Cardiology",
                null,
                Schedule.standard(ZoneId.of("Asia/Kolkata")),
                null,
                true));
        server.start();
        var dispatcher = dispatcher(server.getSmtp().getPort());

        book(new Patient(new PatientId(UUID.randomUUID()), "Meera Nair", null));
        dispatcher.run();

        assertThat(server.getReceivedMessages()).isEmpty();
        assertThat(appointments.outbox().list(new DeliveryQuery(null, null, null, 10, null)))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.status()).isEqualTo(Status.SKIPPED);
                    assertThat(d.lastError()).contains("no e-mail address");
                });
    }

    private void book(Patient patient) {
        var appointment = Appointment.hold(
                        new AppointmentNumber("AID", LocalDate.of(2025, 11, 20), ++sequence),
                        DOCTOR,
                        patient.id(),
                        AppointmentType.CONSULTATION,
                        TimeSlot.of(Instant.parse("2025-11-24T10:00:00Z"), Duration.ofMinutes(30)),
                        null,
                        NOW)
                .confirm("builtin-1", new MeetingLinks("https://meet.example.org/1", null), NOW);
        assertThat(appointments.hold(appointment, patient, 10, NOW)).isInstanceOf(HoldResult.Held.class);
    }
}
