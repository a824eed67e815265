package com.cureka.appointments.adapters.postgres;

import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadlockRetryTest {
    @Test
    void a_transaction_chosen_as_deadlock_victim_runs_again_until_it_succeeds() {
        var runs = new AtomicInteger();

        String result = DeadlockRetry.retrying(() -> {
            if (runs.incrementAndGet() < 3) {
                throw failure(PostgresErrors.DEADLOCK_DETECTED);
            }
            return "committed";
        });

        assertThat(result).isEqualTo("committed");
        assertThat(runs).hasValue(3);
    }

    @Test
    void any_other_failure_is_thrown_at_once() {
        var runs = new AtomicInteger();
        var overlap = failure(PostgresErrors.EXCLUSION_VIOLATION);

        assertThatThrownBy(() -> DeadlockRetry.retrying(() -> {
                    runs.incrementAndGet();
                    throw overlap;
                }))
                .isSameAs(overlap);
        assertThat(runs).hasValue(1);
    }

    @Test
    void a_deadlock_on_every_attempt_is_thrown_after_the_last_one() {
        var runs = new AtomicInteger();
        var deadlock = failure(PostgresErrors.DEADLOCK_DETECTED);

        assertThatThrownBy(() -> DeadlockRetry.retrying(() -> {
                    runs.incrementAndGet();
                    throw deadlock;
                }))
                .isSameAs(deadlock);
        assertThat(runs).hasValue(DeadlockRetry.ATTEMPTS);
    }

    /** What Jdbi throws when the driver reports the SQLState. */
    private static JdbiException failure(String sqlState) {
        return new JdbiException("statement failed", new SQLException("from the server", sqlState)) {};
    }
}
