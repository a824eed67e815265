package com.cureka.appointments.application.appointment;

import com.cureka.appointments.application.memory.InMemoryReminders;
import com.cureka.appointments.application.reminder.SendReminders;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static com.cureka.appointments.application.appointment.InMemoryClinic.patient;
import static org.assertj.core.api.Assertions.assertThat;

class SendRemindersTest {
    private final InMemoryClinic clinic = new InMemoryClinic();
    private final Doctor doctor = clinic.doctor("Dr. Priya Patel");
    private final List<AppointmentNumber> notified = new ArrayList<>();
    private final InMemoryReminders reminders = new InMemoryReminders(clinic.appointments);

    private AppointmentNumber bookAt(String when) {
        var r = (BookAppointment.Result.Booked) clinic.book.book(new BookAppointment.Command(
                patient("P"), doctor.id(), OffsetDateTime.parse(when).toInstant(), AppointmentType.CONSULTATION, null));
        return r.details().appointment().number();
    }

    @Test
    void appointments_within_the_lead_time_are_reminded_once_however_often_the_job_runs() {
        var soon = bookAt("2025-09-21T15:00:00+05:30");
        bookAt("2025-09-25T15:00:00+05:30");
        var job = new SendReminders(
                reminders,
                clinic.doctors,
                clinic.appointments,
                details -> notified.add(details.appointment().number()),
                Duration.ofHours(24),
                clinic.clock);

        var first = job.run();
        var second = job.run();

        assertThat(first).isEqualTo(new SendReminders.Report(1, 0));
        assertThat(second).isEqualTo(new SendReminders.Report(0, 0));
        assertThat(notified).containsExactly(soon);
    }

    @Test
    void a_reminder_that_could_not_be_sent_is_tried_again_on_the_next_run() {
        var soon = bookAt("2025-09-21T15:00:00+05:30");
        var failing = new SendReminders(
                reminders,
                clinic.doctors,
                clinic.appointments,
                details -> {
                    throw new IllegalStateException("mail server down");
                },
                Duration.ofHours(24),
                clinic.clock);
        var working = new SendReminders(
                reminders,
                clinic.doctors,
                clinic.appointments,
                details -> notified.add(details.appointment().number()),
                Duration.ofHours(24),
                clinic.clock);

        assertThat(failing.run()).isEqualTo(new SendReminders.Report(0, 1));
        assertThat(working.run()).isEqualTo(new SendReminders.Report(1, 0));
        assertThat(notified).containsExactly(soon);
    }
}
