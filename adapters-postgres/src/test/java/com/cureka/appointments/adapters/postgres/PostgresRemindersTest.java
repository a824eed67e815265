package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.domain.appointment.Appointment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.cureka.appointments.adapters.postgres.Bookings.ASHA;
import static com.cureka.appointments.adapters.postgres.Bookings.DOCTOR;
import static com.cureka.appointments.adapters.postgres.Bookings.NOW;
import static com.cureka.appointments.adapters.postgres.Bookings.OTHER_DOCTOR;
import static com.cureka.appointments.adapters.postgres.Bookings.RAJESH;
import static com.cureka.appointments.adapters.postgres.Bookings.monday;
import static org.assertj.core.api.Assertions.assertThat;

class PostgresRemindersTest {
    private static PostgresDatabase database;
    private Bookings bookings;
    private PostgresReminders reminders;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabases.migrated(10);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyClinic() {
        bookings = new Bookings(database);
        reminders = new PostgresReminders(database.jdbi());
    }

    @Test
    void due_are_the_scheduled_appointments_starting_in_the_window_earliest_first() {
        var before = bookings.scheduled(DOCTOR, ASHA, monday("08:30"));
        var atStart = bookings.scheduled(OTHER_DOCTOR, RAJESH, monday("09:00"));
        var later = bookings.scheduled(DOCTOR, ASHA, monday("10:30"));
        var earlier = bookings.scheduled(DOCTOR, RAJESH, monday("09:30"));
        var atEnd = bookings.scheduled(DOCTOR, ASHA, monday("11:00"));
        var pending = bookings.held(OTHER_DOCTOR, ASHA, monday("09:30"));
        var cancelled = bookings.cancelled(bookings.scheduled(OTHER_DOCTOR, RAJESH, monday("10:00")));

        var due = reminders.due(monday("09:00").start(), monday("11:00").start(), 100);

        assertThat(due).containsExactly(atStart, earlier, later);
        assertThat(due).doesNotContain(before, atEnd, pending, cancelled);
    }

    @Test
    void due_answers_at_most_the_limit() {
        var first = bookings.scheduled(DOCTOR, ASHA, monday("09:00"));
        var second = bookings.scheduled(DOCTOR, ASHA, monday("09:30"));
        bookings.scheduled(DOCTOR, ASHA, monday("10:00"));

        assertThat(reminders.due(monday("00:00").start(), monday("23:00").start(), 2))
                .containsExactly(first, second);
        assertThat(reminders.due(monday("00:00").start(), monday("23:00").start(), 0))
                .isEmpty();
    }

    @Test
    void a_claimed_reminder_is_no_longer_due_and_cannot_be_claimed_again_until_unclaimed() {
        Appointment appointment = bookings.scheduled(DOCTOR, ASHA, monday("09:00"));
        var from = monday("08:00").start();
        var to = monday("12:00").start();

        assertThat(reminders.claim(appointment.number(), NOW)).isTrue();
        assertThat(reminders.claim(appointment.number(), NOW)).isFalse();
        assertThat(reminders.due(from, to, 10)).isEmpty();

        reminders.unclaim(appointment.number());

        assertThat(reminders.due(from, to, 10)).containsExactly(appointment);
        assertThat(reminders.claim(appointment.number(), NOW)).isTrue();
    }

    @Test
    void eight_instances_claiming_one_reminder_at_once_get_exactly_one_claim() throws Exception {
        var appointment = bookings.scheduled(DOCTOR, ASHA, monday("09:00"));

        var claims = Simultaneously.run(8, () -> reminders.claim(appointment.number(), NOW));

        assertThat(claims).containsOnlyOnce(true);
    }

    @Test
    void an_appointment_that_does_not_exist_cannot_be_claimed_and_a_discarded_one_takes_its_claim_along() {
        assertThat(reminders.claim(bookings.number(), NOW)).isFalse();

        var hold = bookings.held(DOCTOR, ASHA, monday("09:00"));
        assertThat(reminders.claim(hold.number(), NOW)).isTrue();
        bookings.appointments.discard(hold.number());

        assertThat(bookings.count("SELECT count(*) FROM appointment_reminders")).isZero();
    }
}
