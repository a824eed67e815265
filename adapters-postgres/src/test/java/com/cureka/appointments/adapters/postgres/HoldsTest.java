package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.appointment.HoldResult;
import com.cureka.appointments.application.port.outbox.Outbox;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.patient.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-statement booking and its fallback keep the per-patient cap exact (see {@link Holds}). */
class HoldsTest {
    private static final int CAP = 2;
    private static PostgresDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabases.migrated(4);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void a_known_patients_booking_bumps_the_counter_and_keeps_the_stored_name_when_the_token_has_none() {
        var bookings = new Bookings(database);
        bookings.held(Bookings.DOCTOR, Bookings.ASHA, Bookings.monday("09:00"));

        var anonymous = new Patient(Bookings.ASHA.id(), null, null);
        var second = bookings.appointments.hold(
                bookings.pending(Bookings.DOCTOR, anonymous, Bookings.monday("10:00")), anonymous, CAP, Bookings.NOW);

        assertThat(second)
                .isInstanceOfSatisfying(
                        HoldResult.Held.class,
                        held -> assertThat(held.patient().name()).isEqualTo("Asha Rao"));
        assertThat(bookings.count(
                        "SELECT holds FROM patients WHERE id = ?",
                        Bookings.ASHA.id().value()))
                .isEqualTo(2);
    }

    @Test
    void a_new_name_in_the_token_is_stored_by_the_booking() {
        var bookings = new Bookings(database);
        bookings.held(Bookings.DOCTOR, Bookings.ASHA, Bookings.monday("09:00"));

        var renamed = new Patient(Bookings.ASHA.id(), "Asha R. Menon", "asha@example.test");
        bookings.appointments.hold(
                bookings.pending(Bookings.DOCTOR, renamed, Bookings.monday("10:00")), renamed, CAP, Bookings.NOW);

        assertThat(bookings.count(
                        "SELECT count(*) FROM patients WHERE id = ? AND name = 'Asha R. Menon'"
                                + " AND email = 'asha@example.test'",
                        Bookings.ASHA.id().value()))
                .isEqualTo(1);
    }

    /**
     * The race the counter exists for: the booking's statement takes its snapshot, then waits for the patient's
     * lock held by another booking of the patient, which commits the last appointment under the cap. The snapshot
     * does not show that appointment; the bump must notice and the booking be refused, not make a third.
     */
    @Test
    void a_booking_that_waited_for_the_patients_other_booking_sees_it_and_stops_at_the_cap() throws Exception {
        var bookings = new Bookings(database);
        bookings.held(Bookings.DOCTOR, Bookings.ASHA, Bookings.monday("09:00"));

        try (var other = database.jdbi().open()) {
            other.begin();
            var second = bookings.pending(Bookings.DOCTOR, Bookings.ASHA, Bookings.monday("10:00"));
            assertThat(Holds.carefully(other, second, Bookings.ASHA, CAP, Bookings.NOW, Outbox.DEFAULT_CONSUMERS))
                    .isInstanceOf(HoldResult.Held.class);

            var third = CompletableFuture.supplyAsync(() -> bookings.appointments.hold(
                    bookings.pending(Bookings.OTHER_DOCTOR, Bookings.ASHA, Bookings.monday("11:00")),
                    Bookings.ASHA,
                    CAP,
                    Bookings.NOW));
            awaitOneBackendWaitingForALock(bookings);
            other.commit();

            assertThat(third.get(10, TimeUnit.SECONDS))
                    .isInstanceOfSatisfying(
                            HoldResult.Refused.class,
                            refused ->
                                    assertThat(refused.reason()).isEqualTo(new Rejection.AppointmentLimitReached(CAP)));
        }
        assertThat(bookings.count(
                        "SELECT count(*) FROM appointments WHERE patient_id = ?",
                        Bookings.ASHA.id().value()))
                .isEqualTo(CAP);
    }

    @Test
    void a_new_patients_first_booking_registers_them_in_the_same_statement() {
        var bookings = new Bookings(database);

        var first = bookings.appointments.hold(
                bookings.pending(Bookings.DOCTOR, Bookings.RAJESH, Bookings.monday("09:00")),
                Bookings.RAJESH,
                CAP,
                Bookings.NOW);

        assertThat(first).isInstanceOf(HoldResult.Held.class);
        assertThat(bookings.count(
                        "SELECT holds FROM patients WHERE id = ? AND name = 'Rajesh Kumar'",
                        Bookings.RAJESH.id().value()))
                .isEqualTo(1);
    }

    /** The same race for a patient the waiting booking's snapshot does not know at all. */
    @Test
    void a_new_patients_booking_that_waited_for_their_first_sees_it_and_stops_at_a_cap_of_one() throws Exception {
        var bookings = new Bookings(database);

        try (var other = database.jdbi().open()) {
            other.begin();
            var first = bookings.pending(Bookings.DOCTOR, Bookings.RAJESH, Bookings.monday("10:00"));
            assertThat(Holds.carefully(other, first, Bookings.RAJESH, 1, Bookings.NOW, Outbox.DEFAULT_CONSUMERS))
                    .isInstanceOf(HoldResult.Held.class);

            var second = CompletableFuture.supplyAsync(() -> bookings.appointments.hold(
                    bookings.pending(Bookings.OTHER_DOCTOR, Bookings.RAJESH, Bookings.monday("11:00")),
                    Bookings.RAJESH,
                    1,
                    Bookings.NOW));
            awaitOneBackendWaitingForALock(bookings);
            other.commit();

            assertThat(second.get(10, TimeUnit.SECONDS))
                    .isInstanceOfSatisfying(
                            HoldResult.Refused.class,
                            refused ->
                                    assertThat(refused.reason()).isEqualTo(new Rejection.AppointmentLimitReached(1)));
        }
        assertThat(bookings.count(
                        "SELECT count(*) FROM appointments WHERE patient_id = ?",
                        Bookings.RAJESH.id().value()))
                .isEqualTo(1);
    }

    private static void awaitOneBackendWaitingForALock(Bookings bookings) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (bookings.count("""
                        SELECT count(*) FROM pg_stat_activity
                         WHERE datname = current_database() AND wait_event_type = 'Lock'""") == 0) {
            assertThat(Instant.now())
                    .as("the booking should be waiting for the patient's lock")
                    .isBefore(deadline);
            Thread.sleep(10);
        }
    }
}
