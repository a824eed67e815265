package com.cureka.appointments.adapters.postgres;

import org.jdbi.v3.core.JdbiException;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a transaction again when PostgreSQL aborted it to break a deadlock (SQLState 40P01). Two racing inserts of
 * overlapping rows can wait for each other; PostgreSQL then aborts one, which retries after a short random pause (so
 * that the same pair does not collide again in step) and then meets the winner's row as an ordinary overlap.
 */
final class DeadlockRetry {
    static final int ATTEMPTS = 10;

    private DeadlockRetry() {}

    /** The work's result; any other failure, or a deadlock on the last attempt, is thrown as it came. */
    static <T> T retrying(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (JdbiException e) {
                if (attempt == ATTEMPTS || !PostgresErrors.is(e, PostgresErrors.DEADLOCK_DETECTED)) {
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
