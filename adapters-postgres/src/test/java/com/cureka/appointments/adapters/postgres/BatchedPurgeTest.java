package com.cureka.appointments.adapters.postgres;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchedPurgeTest {
    private static PostgresDatabase database;
    /** The DELETE statements the purge ran, counted by a Jdbi of its own on the same pool. */
    private final AtomicInteger deletes = new AtomicInteger();

    private Jdbi jdbi;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabases.migrated(2);
        database.jdbi()
                .useHandle(h -> h.execute("CREATE TABLE purge_spec (id int PRIMARY KEY, expired boolean NOT NULL)"));
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyTable() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE purge_spec"));
        jdbi = Jdbi.create(database.dataSource());
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                if (context.getRawSql().startsWith("DELETE")) {
                    deletes.incrementAndGet();
                }
            }
        });
    }

    @Test
    void every_matching_row_is_deleted_a_batch_per_statement_and_the_others_are_kept() {
        rows(5, true);
        rows(3, false);

        int purged = purgeOfTwo().purge(Map.of("expired", true));

        assertThat(purged).isEqualTo(5);
        assertThat(deletes).as("2 + 2 + 1 rows").hasValue(3);
        assertThat(count(true)).isZero();
        assertThat(count(false)).isEqualTo(3);
    }

    @Test
    void a_full_last_batch_is_followed_by_one_statement_that_finds_nothing_and_the_purge_stops() {
        rows(4, true);

        assertThat(purgeOfTwo().purge(Map.of("expired", true))).isEqualTo(4);
        assertThat(deletes).as("2 + 2 + 0 rows").hasValue(3);
    }

    @Test
    void with_nothing_to_purge_one_statement_runs_and_nothing_is_deleted() {
        rows(3, false);

        assertThat(purgeOfTwo().purge(Map.of("expired", true))).isZero();
        assertThat(deletes).hasValue(1);
        assertThat(count(false)).isEqualTo(3);
    }

    @Test
    void a_batch_holds_at_least_one_row() {
        assertThatThrownBy(() -> new BatchedPurge(jdbi, "purge_spec", "expired", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private BatchedPurge purgeOfTwo() {
        return new BatchedPurge(jdbi, "purge_spec", "expired = :expired", 2);
    }

    /** Adds {@code n} rows after the ones already there. */
    private void rows(int n, boolean expired) {
        database.jdbi()
                .useHandle(h -> h.createUpdate("""
                        INSERT INTO purge_spec (id, expired)
                        SELECT coalesce((SELECT max(id) FROM purge_spec), 0) + i, :expired FROM generate_series(1, :n) i
                        """)
                        .bind("expired", expired)
                        .bind("n", n)
                        .execute());
    }

    private long count(boolean expired) {
        return database.jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM purge_spec WHERE expired = :expired")
                        .bind("expired", expired)
                        .mapTo(Long.class)
                        .one());
    }
}
