package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.appointment.AuditEntry;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.appointment.HoldResult;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.booking.Rejection.SlotUnavailable.Cause;
import com.cureka.appointments.domain.kernel.TimeSlot;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.cureka.appointments.adapters.postgres.Bookings.ASHA;
import static com.cureka.appointments.adapters.postgres.Bookings.DOCTOR;
import static com.cureka.appointments.adapters.postgres.Bookings.NOW;
import static com.cureka.appointments.adapters.postgres.Bookings.RAJESH;
import static com.cureka.appointments.adapters.postgres.Bookings.monday;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit trail: written with the change it records, in the same transaction, and never rewritten. */
class JdbiAppointmentsHistoryTest {
    private static PostgresDatabase database;
    private Bookings bookings;
    private JdbiAppointments appointments;

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
        database.jdbi()
                .useHandle(h -> h.execute("ALTER TABLE appointment_history DROP CONSTRAINT IF EXISTS spec_refuses"));
        bookings = new Bookings(database);
        appointments = bookings.appointments;
    }

    @Test
    void a_hold_is_the_first_line_of_its_trail_booked_by_the_patient() {
        var hold = bookings.held(DOCTOR, ASHA, monday("10:00"));

        assertThat(appointments.history(hold.number()))
                .containsExactly(new AuditEntry(
                        hold.number(),
                        NOW,
                        "patient:" + ASHA.id().value(),
                        Change.Action.BOOKED,
                        null,
                        AppointmentStatus.PENDING,
                        null,
                        hold.slot(),
                        null));
    }

    @Test
    void a_refused_hold_leaves_no_trail() {
        bookings.held(DOCTOR, ASHA, monday("10:00"));
        var refused = bookings.pending(DOCTOR, RAJESH, monday("10:15"));

        assertThat(appointments.hold(refused, RAJESH, 10, NOW))
                .isEqualTo(new HoldResult.Refused(new Rejection.SlotUnavailable(Cause.TAKEN)));
        assertThat(appointments.history(refused.number())).isEmpty();
        assertThat(bookings.count("SELECT count(*) FROM appointment_history")).isEqualTo(1);
    }

    @Test
    void each_change_appends_a_line_with_who_why_and_the_status_and_slot_before_and_after() {
        var hold = bookings.held(DOCTOR, ASHA, monday("10:00"));
        var later = NOW.plusSeconds(60);
        var confirmed = hold.confirm("cal-1", MeetingLinks.NONE, later);
        var moved = confirmed.moveTo(monday("11:00"), "cal-2", MeetingLinks.NONE, later.plusSeconds(60));
        var cancelled = moved.cancel(later.plusSeconds(120));

        assertThat(appointments.replace(
                        hold, confirmed, new Change("system:reconcile", Change.Action.CONFIRMED, "found", later)))
                .isEmpty();
        assertThat(appointments.replace(
                        confirmed,
                        moved,
                        new Change(
                                "patient:" + ASHA.id(),
                                Change.Action.RESCHEDULED,
                                "clash at work",
                                later.plusSeconds(60))))
                .isEmpty();
        assertThat(appointments.replace(
                        moved,
                        cancelled,
                        new Change("admin:ops", Change.Action.CANCELLED, null, later.plusSeconds(120))))
                .isEmpty();

        assertThat(appointments.history(hold.number()))
                .containsExactly(
                        new AuditEntry(
                                hold.number(),
                                NOW,
                                "patient:" + ASHA.id(),
                                Change.Action.BOOKED,
                                null,
                                AppointmentStatus.PENDING,
                                null,
                                monday("10:00"),
                                null),
                        new AuditEntry(
                                hold.number(),
                                later,
                                "system:reconcile",
                                Change.Action.CONFIRMED,
                                AppointmentStatus.PENDING,
                                AppointmentStatus.SCHEDULED,
                                monday("10:00"),
                                monday("10:00"),
                                "found"),
                        new AuditEntry(
                                hold.number(),
                                later.plusSeconds(60),
                                "patient:" + ASHA.id(),
                                Change.Action.RESCHEDULED,
                                AppointmentStatus.SCHEDULED,
                                AppointmentStatus.SCHEDULED,
                                monday("10:00"),
                                monday("11:00"),
                                "clash at work"),
                        new AuditEntry(
                                hold.number(),
                                later.plusSeconds(120),
                                "admin:ops",
                                Change.Action.CANCELLED,
                                AppointmentStatus.SCHEDULED,
                                AppointmentStatus.CANCELLED,
                                monday("11:00"),
                                monday("11:00"),
                                null));
        assertThat(appointments.byNumber(hold.number())).contains(cancelled);
    }

    @Test
    void a_move_refused_by_the_exclusion_constraint_writes_no_line_and_changes_nothing() {
        bookings.scheduled(DOCTOR, RAJESH, monday("11:00"));
        var mine = bookings.scheduled(DOCTOR, ASHA, monday("10:00"));
        var onto = mine.moveTo(monday("11:15"), "cal-9", MeetingLinks.NONE, NOW);

        var refused = appointments.replace(
                mine, onto, new Change("patient:" + ASHA.id(), Change.Action.RESCHEDULED, null, NOW));

        assertThat(refused).contains(new Rejection.SlotUnavailable(Cause.TAKEN));
        assertThat(appointments.history(mine.number()))
                .extracting(AuditEntry::action)
                .containsExactly(Change.Action.BOOKED, Change.Action.CONFIRMED);
        assertThat(appointments.byNumber(mine.number())).contains(mine);
    }

    @Test
    void a_change_whose_line_cannot_be_written_is_rolled_back_with_it() {
        var hold = bookings.held(DOCTOR, ASHA, monday("10:00"));
        database.jdbi()
                .useHandle(
                        h -> h.execute(
                                "ALTER TABLE appointment_history ADD CONSTRAINT spec_refuses CHECK (action <> 'CONFIRMED') NOT VALID"));
        var confirmed = hold.confirm("cal-1", MeetingLinks.NONE, NOW);

        assertThatThrownBy(() -> appointments.replace(
                        hold, confirmed, new Change("system:reconcile", Change.Action.CONFIRMED, null, NOW)))
                .isInstanceOf(JdbiException.class);

        assertThat(appointments.byNumber(hold.number())).contains(hold);
        assertThat(appointments.history(hold.number())).hasSize(1);
    }

    @Test
    void a_hold_whose_first_line_cannot_be_written_is_not_stored() {
        database.jdbi()
                .useHandle(
                        h -> h.execute(
                                "ALTER TABLE appointment_history ADD CONSTRAINT spec_refuses CHECK (action <> 'BOOKED') NOT VALID"));
        var hold = bookings.pending(DOCTOR, ASHA, monday("10:00"));

        assertThatThrownBy(() -> appointments.hold(hold, ASHA, 10, NOW)).isInstanceOf(JdbiException.class);

        assertThat(appointments.byNumber(hold.number())).isEmpty();
    }

    @Test
    void changing_an_appointment_that_does_not_exist_is_refused_and_writes_nothing() {
        var ghost = bookings.pending(DOCTOR, ASHA, monday("10:00"));

        assertThat(appointments.replace(
                        ghost, ghost.cancel(NOW), new Change("admin:ops", Change.Action.CANCELLED, null, NOW)))
                .contains(Appointments.CHANGED_MEANWHILE);
        assertThat(bookings.count("SELECT count(*) FROM appointment_history")).isZero();
    }

    @Test
    void the_database_refuses_to_rewrite_or_delete_a_line_by_hand() {
        var hold = bookings.held(DOCTOR, ASHA, monday("10:00"));

        assertThatThrownBy(() -> database.jdbi()
                        .useHandle(h -> h.execute(
                                "UPDATE appointment_history SET actor = 'admin:nobody' WHERE number = ?",
                                hold.number().format())))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> database.jdbi()
                        .useHandle(h -> h.execute(
                                "DELETE FROM appointment_history WHERE number = ?",
                                hold.number().format())))
                .hasMessageContaining("append-only");
        assertThat(appointments.history(hold.number()))
                .extracting(AuditEntry::actor)
                .containsExactly("patient:" + ASHA.id());
    }

    @Test
    void discarding_a_hold_takes_its_trail_along_and_leaves_other_trails_alone() {
        var kept = bookings.held(DOCTOR, RAJESH, monday("09:00"));
        var hold = bookings.held(DOCTOR, ASHA, monday("10:00"));

        appointments.discard(hold.number());

        assertThat(appointments.byNumber(hold.number())).isEmpty();
        assertThat(appointments.history(hold.number())).isEmpty();
        assertThat(appointments.history(kept.number())).hasSize(1);
    }

    @Test
    void concurrent_moves_of_one_appointment_leave_a_trail_in_which_each_line_starts_where_the_previous_ended()
            throws Exception {
        var appointment = bookings.scheduled(DOCTOR, ASHA, monday("08:00"));
        int threads = 8;
        int movesEach = 10;
        var barrier = new CyclicBarrier(threads);
        var executor = Executors.newFixedThreadPool(threads);
        try {
            var runs = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                var slot =
                        TimeSlot.of(monday("12:00").start().plus(Duration.ofMinutes(30L * t)), Duration.ofMinutes(30));
                runs.add(executor.submit(() -> {
                    barrier.await();
                    for (int moves = 0; moves < movesEach; ) {
                        // Read, then compare-and-set, as the use cases do; a lost race reads again.
                        var read = appointments.byNumber(appointment.number()).orElseThrow();
                        var moved = new Appointment(
                                read.number(),
                                read.doctorId(),
                                read.patientId(),
                                read.type(),
                                slot,
                                read.status(),
                                null,
                                "cal-" + slot.start(),
                                MeetingLinks.NONE,
                                read.createdAt(),
                                NOW);
                        var result = appointments.replace(
                                read, moved, new Change("system:spec", Change.Action.RESCHEDULED, null, NOW));
                        if (result.isEmpty()) {
                            moves++;
                        } else {
                            assertThat(result).contains(Appointments.CHANGED_MEANWHILE);
                        }
                    }
                    return null;
                }));
            }
            for (var run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }

        List<AuditEntry> trail = appointments.history(appointment.number());
        // BOOKED, CONFIRMED, then every move.
        assertThat(trail).hasSize(2 + threads * movesEach);
        for (int i = 1; i < trail.size(); i++) {
            assertThat(trail.get(i).fromSlot())
                    .as("line %d", i)
                    .isEqualTo(trail.get(i - 1).toSlot());
        }
        assertThat(appointments.byNumber(appointment.number()).orElseThrow().slot())
                .isEqualTo(trail.getLast().toSlot());
    }
}
