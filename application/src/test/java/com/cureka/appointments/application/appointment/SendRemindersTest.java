package com.cureka.appointments.application.appointment;

import com.cureka.appointments.application.memory.InMemoryReminders;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.outbox.Delivery;
import com.cureka.appointments.application.port.outbox.EventType;
import com.cureka.appointments.application.reminder.SendReminders;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Reminders at each offset before the start, each once, none that was already past at booking time. */
class SendRemindersTest {
    private static final Instant BOOKED_AT = Instant.parse("2025-11-20T08:00:00Z");
    private static final List<Duration> OFFSETS = List.of(Duration.ofHours(24), Duration.ofHours(2));

    private final InMemoryClinic clinic = new InMemoryClinic();
    private final InMemoryReminders reminders = new InMemoryReminders(clinic.appointments);
    private int sequence;

    private Appointment bookedToStartIn(Duration fromBooking) {
        var patient = new Patient(new PatientId(UUID.randomUUID()), "P", "p@example.org");
        var appointment = Appointment.hold(
                        new AppointmentNumber("AID", LocalDate.of(2025, 11, 20), ++sequence),
                        clinic.doctor("Dr. " + sequence).id(),
                        patient.id(),
                        AppointmentType.CONSULTATION,
                        TimeSlot.of(BOOKED_AT.plus(fromBooking), Duration.ofMinutes(30)),
                        null,
                        BOOKED_AT)
                .confirm("builtin", MeetingLinks.NONE, BOOKED_AT);
        clinic.appointments.hold(appointment, patient, 10, BOOKED_AT);
        return appointment;
    }

    private SendReminders.Report runAt(Instant now) {
        return new SendReminders(reminders, OFFSETS, Clock.fixed(now, ZoneOffset.UTC)).run();
    }

    /** The reminder events queued since the last call (the booking events are drained and left out). */
    private List<Delivery> queuedReminders(Instant now) {
        return clinic.appointments.outbox().claim(now, Duration.ofMinutes(2), 100).stream()
                .filter(d -> d.event().type().equals(EventType.REMINDER))
                .toList();
    }

    @Test
    void each_offset_reminds_once_however_often_the_job_runs() {
        var appointment = bookedToStartIn(Duration.ofHours(48));
        var start = appointment.slot().start();
        queuedReminders(BOOKED_AT);

        assertThat(runAt(start.minus(Duration.ofHours(25))).queued())
                .as("not yet")
                .isZero();
        assertThat(runAt(start.minus(Duration.ofHours(23))).queued()).isEqualTo(1);
        assertThat(runAt(start.minus(Duration.ofHours(22))).queued())
                .as("the 24 h one went out")
                .isZero();
        assertThat(runAt(start.minus(Duration.ofMinutes(90))).queued()).isEqualTo(1);
        assertThat(runAt(start.minus(Duration.ofMinutes(80))).queued()).isZero();

        assertThat(queuedReminders(start.minus(Duration.ofMinutes(80))))
                .extracting(d -> d.event().get("offset"))
                .containsExactly("PT24H", "PT2H");
    }

    @Test
    void an_offset_already_past_at_booking_time_never_reminds() {
        var appointment = bookedToStartIn(Duration.ofHours(5));
        queuedReminders(BOOKED_AT);

        assertThat(runAt(BOOKED_AT.plus(Duration.ofHours(1))).queued())
                .as("the 24 h offset had passed")
                .isZero();
        assertThat(runAt(appointment.slot().start().minus(Duration.ofMinutes(100)))
                        .queued())
                .isEqualTo(1);
        assertThat(queuedReminders(appointment.slot().start()))
                .singleElement()
                .satisfies(d -> assertThat(d.event().get("offset")).isEqualTo("PT2H"));
    }

    @Test
    void an_appointment_no_longer_scheduled_is_not_reminded() {
        var appointment = bookedToStartIn(Duration.ofHours(48));
        var cancelled = appointment.cancel(BOOKED_AT);
        assertThat(clinic.appointments.replace(
                        appointment, cancelled, new Change("patient:p", Change.Action.CANCELLED, null, BOOKED_AT)))
                .isEmpty();

        assertThat(runAt(appointment.slot().start().minus(Duration.ofHours(23))).queued())
                .isZero();
        assertThat(runAt(appointment.slot().start().minus(Duration.ofHours(1))).queued())
                .isZero();
    }

    @Test
    void a_reminder_names_the_appointments_current_version_for_its_manage_link() {
        var appointment = bookedToStartIn(Duration.ofHours(48));
        queuedReminders(BOOKED_AT);

        runAt(appointment.slot().start().minus(Duration.ofHours(23)));

        assertThat(queuedReminders(appointment.slot().start())).singleElement().satisfies(d -> {
            assertThat(d.event().get("sequence")).isEqualTo("0");
            assertThat(d.event().get("starts_at"))
                    .isEqualTo(appointment.slot().start().toString());
        });
    }
}
