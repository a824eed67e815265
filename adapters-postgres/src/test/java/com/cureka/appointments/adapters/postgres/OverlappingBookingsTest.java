package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.appointment.HoldResult;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients booking overlapping hours of one doctor at once, each hold confirmed as soon as it is made: the shape that
 * used to deadlock (a hold's insert and a confirmation's update each waiting for the other's uncommitted row) until
 * some ran out of retries and answered 500. Behind {@link BookingLocks} none of them waits in a circle.
 */
class OverlappingBookingsTest {
    private static final int ROUNDS = 10;
    private static final int CLIENTS = 16;
    private static PostgresDatabase database;

    @BeforeAll
    static void startDatabase() {
        // Fewer connections than clients, as in the app: a deadlock's one-second wait also starves the pool.
        database = TestDatabases.migrated(10);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void overlapping_holds_and_confirmations_of_one_doctor_never_deadlock_and_never_overlap() throws Exception {
        var bookings = new Bookings(database);
        var outcomes = new ArrayList<String>();
        for (int round = 0; round < ROUNDS; round++) {
            var day = Bookings.MONDAY.plus(Duration.ofDays(round));
            var calls = new ArrayList<Callable<String>>();
            for (int i = 0; i < CLIENTS; i++) {
                var slot = TimeSlot.of(day.plus(Duration.ofMinutes(9 * 60 + 15 * i)), Duration.ofHours(1));
                calls.add(() -> holdAndConfirm(bookings, slot));
            }
            outcomes.addAll(Simultaneously.run(calls));
        }

        assertThat(outcomes).containsOnly("confirmed", "refused").contains("confirmed");
        assertThat(bookings.count("""
                        SELECT count(*) FROM appointments a JOIN appointments b
                          ON a.doctor_id = b.doctor_id AND a.number < b.number
                         AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)""")).isZero();
        assertThat(bookings.count("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"))
                .as("deadlocks PostgreSQL broke (each costs a second's wait and a retry)")
                .isZero();
    }

    private static String holdAndConfirm(Bookings bookings, TimeSlot slot) {
        var patient = new Patient(new PatientId(UUID.randomUUID()), "Patient", null);
        var hold = bookings.pending(Bookings.DOCTOR, patient, slot);
        if (!(bookings.appointments.hold(hold, patient, 10, Bookings.NOW) instanceof HoldResult.Held)) {
            return "refused";
        }
        var confirmed = hold.confirm("cal-" + hold.number().format(), MeetingLinks.NONE, Bookings.NOW);
        var refusal = bookings.appointments.replace(
                hold, confirmed, new Change("calendar:booking", Change.Action.CONFIRMED, null, Bookings.NOW));
        return refusal.map(r -> "confirmation refused: " + r).orElse("confirmed");
    }
}
