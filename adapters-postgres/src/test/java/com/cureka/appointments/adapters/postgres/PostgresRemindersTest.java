package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.outbox.EventType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.cureka.appointments.adapters.postgres.Bookings.ASHA;
import static com.cureka.appointments.adapters.postgres.Bookings.DOCTOR;
import static com.cureka.appointments.adapters.postgres.Bookings.NOW;
import static com.cureka.appointments.adapters.postgres.Bookings.OTHER_DOCTOR;
import static com.cureka.appointments.adapters.postgres.Bookings.RAJESH;
import static com.cureka.appointments.adapters.postgres.Bookings.monday;
import static org.assertj.core.api.Assertions.assertThat;

class PostgresRemindersTest {
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration TWO_HOURS = Duration.ofHours(2);
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
        database.jdbi().useHandle(h -> h.execute("TRUNCATE outbox"));
        bookings = new Bookings(database);
        reminders = new PostgresReminders(database.jdbi());
    }

    /** Monday 08:00 UTC, when the 24 h reminders of Monday 08:00 to Tuesday 08:00 are due. */
    private static final Instant MONDAY_8 = monday("08:00").start();

    @Test
    void due_are_the_scheduled_appointments_starting_within_the_offset_earliest_first() {
        var before = bookings.scheduled(DOCTOR, ASHA, monday("07:30"));
        var later = bookings.scheduled(DOCTOR, ASHA, monday("10:30"));
        var earlier = bookings.scheduled(DOCTOR, RAJESH, monday("09:30"));
        var pending = bookings.held(OTHER_DOCTOR, ASHA, monday("09:30"));
        var cancelled = bookings.cancelled(bookings.scheduled(OTHER_DOCTOR, RAJESH, monday("10:00")));

        var due = reminders.due(TWO_HOURS, MONDAY_8, 100);

        assertThat(due).containsExactly(earlier);
        assertThat(reminders.due(DAY, MONDAY_8, 100)).containsExactly(earlier, later);
        assertThat(reminders.due(DAY, MONDAY_8, 100)).doesNotContain(before, pending, cancelled);
        assertThat(reminders.due(DAY, MONDAY_8, 1)).containsExactly(earlier);
    }

    @Test
    void an_offset_already_past_when_the_appointment_was_booked_is_never_due() {
        // Booked on NOW (Thursday 20 November), 4 days ahead: a 5-day reminder had passed at booking time.
        var appointment = bookings.scheduled(DOCTOR, ASHA, monday("09:00"));

        assertThat(reminders.due(Duration.ofDays(5), NOW, 10)).isEmpty();
        assertThat(reminders.due(DAY, MONDAY_8, 10)).containsExactly(appointment);
    }

    @Test
    void a_claim_is_per_offset_and_queues_one_reminder_event_in_the_outbox() {
        var appointment = bookings.scheduled(DOCTOR, ASHA, monday("09:00"));

        assertThat(reminders.claim(appointment, DAY, MONDAY_8)).isTrue();
        assertThat(reminders.claim(appointment, DAY, MONDAY_8)).isFalse();
        assertThat(reminders.due(DAY, MONDAY_8, 10)).isEmpty();
        assertThat(reminders.due(TWO_HOURS, MONDAY_8, 10)).containsExactly(appointment);
        assertThat(reminders.claim(appointment, TWO_HOURS, MONDAY_8)).isTrue();

        var events = new PostgresOutbox(database.jdbi())
                .claim(MONDAY_8, Duration.ofMinutes(2), 10).stream()
                        .map(d -> d.event())
                        .filter(e -> e.type().equals(EventType.REMINDER))
                        .toList();
        assertThat(events).extracting(e -> e.get("offset")).containsExactly("PT24H", "PT2H");
        assertThat(events).allSatisfy(e -> assertThat(e.number()).isEqualTo(appointment.number()));
    }

    @Test
    void eight_instances_claiming_one_reminder_at_once_get_exactly_one_claim_and_one_event() throws Exception {
        var appointment = bookings.scheduled(DOCTOR, ASHA, monday("09:00"));

        var claims = Simultaneously.run(8, () -> reminders.claim(appointment, DAY, MONDAY_8));

        assertThat(claims).containsOnlyOnce(true);
        assertThat(bookings.count("SELECT count(*) FROM outbox WHERE event_type = 'appointment.reminder'"))
                .isEqualTo(1);
    }

    @Test
    void an_appointment_cancelled_or_moved_since_it_was_found_is_not_claimed() {
        var appointment = bookings.scheduled(DOCTOR, ASHA, monday("09:00"));
        var found = reminders.due(DAY, MONDAY_8, 10).getFirst();
        bookings.cancelled(appointment);

        assertThat(reminders.claim(found, DAY, MONDAY_8)).isFalse();
        assertThat(bookings.count("SELECT count(*) FROM outbox WHERE event_type = 'appointment.reminder'"))
                .isZero();
    }
}
