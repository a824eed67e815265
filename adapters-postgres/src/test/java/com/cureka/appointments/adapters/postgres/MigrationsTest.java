package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.testkit.postgres.TestPostgres;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {

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
