package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.schedule.TimeOff;
import com.cureka.appointments.testkit.postgres.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {

    @Test
    void time_off_stored_before_it_had_ids_gets_one_each_and_keeps_its_order() {
        var fresh = TestPostgres.freshDatabase();
        Flyway.configure()
                .dataSource(fresh.dataSource())
                .locations("classpath:db/migration")
                .target("6")
                .load()
                .migrate();
        var doctor = UUID.randomUUID();
        try (var connection = fresh.dataSource().getConnection();
                var insert = connection.prepareStatement("""
                        INSERT INTO doctors (id, name, time_zone, working_hours, slot_interval_minutes, time_off)
                        VALUES (?, 'Dr. Old', 'Asia/Kolkata', '{}', 15, ?::jsonb)""")) {
            insert.setObject(1, doctor);
            insert.setString(2, """
                    [{"from": "2025-12-01T00:00:00Z", "to": "2025-12-02T00:00:00Z", "reason": "first"},
                     {"from": "2025-11-01T00:00:00Z", "to": "2025-11-02T00:00:00Z", "reason": null}]""");
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }

        assertThat(PostgresDatabase.migrate(fresh.dataSource())).isPositive();

        try (var database = TestDatabases.start(fresh, 1)) {
            var timeOff = new JdbiDoctors(database.jdbi())
                    .byId(new DoctorId(doctor))
                    .orElseThrow()
                    .schedule()
                    .timeOff();
            assertThat(timeOff).extracting(TimeOff::reason).containsExactly("first", null);
            assertThat(timeOff).extracting(TimeOff::id).doesNotHaveDuplicates().doesNotContainNull();
        }
    }

    @Test
    void migrating_an_empty_database_creates_the_schema_and_migrating_again_changes_nothing() {
        var fresh = TestPostgres.freshDatabase();

        assertThat(PostgresDatabase.migrate(fresh.dataSource())).isPositive();
        assertThat(PostgresDatabase.migrate(fresh.dataSource())).isZero();

        try (var database = TestDatabases.start(fresh, 1)) {
            var tables = database.jdbi()
                    .withHandle(
                            h -> h.createQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
                                    .mapTo(String.class)
                                    .list());
            var constraints = database.jdbi()
                    .withHandle(h -> h.createQuery("SELECT conname FROM pg_constraint WHERE contype = 'x'")
                            .mapTo(String.class)
                            .list());
            assertThat(tables)
                    .contains(
                            "doctors",
                            "patients",
                            "appointments",
                            "appointment_history",
                            "idempotency_keys",
                            "calendar_webhook_deliveries",
                            "appointment_reminders",
                            "scheduled_tasks");
            assertThat(constraints)
                    .containsExactlyInAnyOrder(JdbiAppointments.DOCTOR_OVERLAP, JdbiAppointments.PATIENT_OVERLAP);
        }
    }

    @Test
    void the_scheduler_table_has_the_columns_db_scheduler_16_reads_and_writes() {
        var fresh = TestPostgres.freshDatabase();
        PostgresDatabase.migrate(fresh.dataSource());

        try (var database = TestDatabases.start(fresh, 1)) {
            var columns = database.jdbi()
                    .withHandle(h -> h.createQuery("""
                            SELECT column_name || ' ' || data_type || ' ' || is_nullable
                              FROM information_schema.columns
                             WHERE table_schema = current_schema() AND table_name = 'scheduled_tasks'
                            """).mapTo(String.class).list());
            assertThat(columns)
                    .containsExactlyInAnyOrder(
                            "task_name text NO",
                            "task_instance text NO",
                            "task_data bytea YES",
                            "execution_time timestamp with time zone NO",
                            "picked boolean NO",
                            "picked_by text YES",
                            "last_success timestamp with time zone YES",
                            "last_failure timestamp with time zone YES",
                            "consecutive_failures integer YES",
                            "last_heartbeat timestamp with time zone YES",
                            "version bigint NO",
                            "priority smallint YES");
        }
    }

    @Test
    void instances_starting_at_the_same_moment_on_a_new_database_all_come_up() throws Exception {
        var fresh = TestPostgres.freshDatabase();
        var executor = Executors.newFixedThreadPool(3);
        var barrier = new CyclicBarrier(3);
        try {
            var starts = new ArrayList<Future<PostgresDatabase>>();
            for (int i = 0; i < 3; i++) {
                starts.add(executor.submit(() -> {
                    barrier.await();
                    return TestDatabases.start(fresh, 1);
                }));
            }
            for (var start : starts) {
                try (var database = start.get(60, TimeUnit.SECONDS)) {
                    assertThat(database.isReachable()).isTrue();
                }
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
