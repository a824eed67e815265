package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.testkit.postgres.TestPostgres;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresDatabaseTest {

    @Test
    void a_running_database_is_reachable() {
        try (var database = TestDatabases.migrated(2)) {
            assertThat(database.isReachable()).isTrue();
        }
    }

    @Test
    void a_database_that_went_away_is_reported_unreachable_within_the_timeout() {
        var fresh = TestPostgres.freshDatabase();
        try (var database = TestDatabases.start(fresh, 2)) {
            assertThat(database.isReachable()).isTrue();
            TestPostgres.drop(fresh);

            long started = System.nanoTime();
            boolean reachable = database.isReachable(Duration.ofMillis(500));

            assertThat(reachable).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void starting_against_a_server_that_is_not_there_fails_at_once() {
        assertThatThrownBy(() -> PostgresDatabase.start("jdbc:postgresql://127.0.0.1:1/nothing", "postgres", null, 1))
                .isInstanceOf(RuntimeException.class);
    }
}
