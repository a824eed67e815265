package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.testkit.postgres.TestDatabase;
import com.cureka.appointments.testkit.postgres.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresAppointmentNumbersTest {
    private static TestDatabase testDatabase;
    private static PostgresDatabase database;

    /** Each spec draws numbers for days of its own, so that the specs share one database without meeting. */
    private static final LocalDate FIRST_SPEC_DAY = LocalDate.of(2031, 1, 1);

    @BeforeAll
    static void startDatabase() {
        testDatabase = TestPostgres.freshDatabase();
        database = TestDatabases.start(testDatabase, 20);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void a_days_numbers_start_at_1_and_count_up() {
        var numbers = new PostgresAppointmentNumbers(database.jdbi(), "AID");
        var day = LocalDate.of(2025, 11, 23);

        assertThat(numbers.next(day)).isEqualTo(new AppointmentNumber("AID", day, 1));
        assertThat(numbers.next(day).format()).isEqualTo("AID-20251123-0002");
        assertThat(numbers.next(day).format()).isEqualTo("AID-20251123-0003");
    }

    @Test
    void each_day_counts_on_its_own() {
        var numbers = new PostgresAppointmentNumbers(database.jdbi(), "AID");
        var monday = LocalDate.of(2025, 12, 1);
        var tuesday = monday.plusDays(1);

        assertThat(numbers.next(monday).sequence()).isEqualTo(1);
        assertThat(numbers.next(tuesday).sequence()).isEqualTo(1);
        assertThat(numbers.next(monday).sequence()).isEqualTo(2);
        assertThat(numbers.next(tuesday).sequence()).isEqualTo(2);
    }

    @Test
    void numbers_carry_the_configured_prefix() {
        var day = LocalDate.of(2025, 12, 10);

        assertThat(new PostgresAppointmentNumbers(database.jdbi(), "CUR")
                        .next(day)
                        .format())
                .isEqualTo("CUR-20251210-0001");
    }

    @Test
    void numbers_widen_past_9999_instead_of_wrapping() {
        var numbers = new PostgresAppointmentNumbers(database.jdbi(), "AID");
        var day = LocalDate.of(2025, 12, 20);
        numbers.next(day);
        database.jdbi().useHandle(h -> h.execute("ALTER SEQUENCE appointment_number_seq_20251220 RESTART WITH 9999"));

        assertThat(numbers.next(day).format()).isEqualTo("AID-20251220-9999");
        assertThat(numbers.next(day).format()).isEqualTo("AID-20251220-10000");
    }

    @Test
    void a_malformed_prefix_or_a_retention_shorter_than_a_day_is_refused_at_start_up() {
        assertThatThrownBy(() -> new PostgresAppointmentNumbers(database.jdbi(), "aid-"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PostgresAppointmentNumbers(database.jdbi(), "AID", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sixteen_threads_drawing_200_numbers_each_get_3200_different_numbers_increasing_for_each_thread()
            throws Exception {
        var numbers = new PostgresAppointmentNumbers(database.jdbi(), "AID");
        var day = FIRST_SPEC_DAY;
        var draws = new ArrayList<Callable<List<Long>>>();
        for (int t = 0; t < 16; t++) {
            draws.add(() -> LongStream.range(0, 200)
                    .map(i -> numbers.next(day).sequence())
                    .boxed()
                    .toList());
        }

        var perThread = Simultaneously.run(draws);

        var all = new HashSet<Long>();
        for (List<Long> drawn : perThread) {
            assertThat(drawn).isSorted().doesNotHaveDuplicates();
            all.addAll(drawn);
        }
        assertThat(all).hasSize(3_200);
    }

    @Test
    void two_instances_racing_on_new_days_never_fail_and_never_hand_out_a_number_twice() throws Exception {
        try (var otherInstance = TestDatabases.start(testDatabase, 10)) {
            var instances = List.of(
                    new PostgresAppointmentNumbers(database.jdbi(), "AID"),
                    new PostgresAppointmentNumbers(otherInstance.jdbi(), "AID"));
            for (int d = 0; d < 5; d++) {
                var newDay = FIRST_SPEC_DAY.plusDays(10 + d);
                var draws = new ArrayList<Callable<List<Long>>>();
                for (int t = 0; t < 16; t++) {
                    var numbers = instances.get(t % 2);
                    draws.add(() -> LongStream.range(0, 20)
                            .map(i -> numbers.next(newDay).sequence())
                            .boxed()
                            .toList());
                }

                var drawn =
                        Simultaneously.run(draws).stream().flatMap(List::stream).toList();

                assertThat(drawn)
                        .as("numbers of %s", newDay)
                        .hasSize(320)
                        .doesNotHaveDuplicates()
                        .contains(1L);
            }
        }
    }

    @Test
    void a_sequence_that_vanished_is_created_again_instead_of_failing_bookings() {
        var numbers = new PostgresAppointmentNumbers(database.jdbi(), "AID");
        var day = LocalDate.of(2025, 12, 25);
        numbers.next(day);
        database.jdbi().useHandle(h -> h.execute("DROP SEQUENCE appointment_number_seq_20251225"));

        assertThat(numbers.next(day).day()).isEqualTo(day);
        assertThat(sequences()).contains("appointment_number_seq_20251225");
    }

    @Test
    void a_new_days_first_number_drops_the_sequences_of_days_more_than_a_week_before_it() {
        var today = FIRST_SPEC_DAY.plusDays(100);
        for (var day : List.of(
                today.minusDays(30), today.minusDays(8), today.minusDays(7), today.minusDays(1), today.plusDays(1))) {
            database.jdbi()
                    .useHandle(h -> h.execute("CREATE SEQUENCE " + PostgresAppointmentNumbers.sequenceName(day)));
        }

        new PostgresAppointmentNumbers(database.jdbi(), "AID").next(today);

        assertThat(sequences())
                .doesNotContain(
                        PostgresAppointmentNumbers.sequenceName(today.minusDays(30)),
                        PostgresAppointmentNumbers.sequenceName(today.minusDays(8)))
                .contains(
                        PostgresAppointmentNumbers.sequenceName(today.minusDays(7)),
                        PostgresAppointmentNumbers.sequenceName(today.minusDays(1)),
                        PostgresAppointmentNumbers.sequenceName(today),
                        PostgresAppointmentNumbers.sequenceName(today.plusDays(1)));
    }

    private static List<String> sequences() {
        return database.jdbi()
                .withHandle(h -> h.createQuery("SELECT relname FROM pg_class WHERE relkind = 'S'")
                        .mapTo(String.class)
                        .list());
    }
}
