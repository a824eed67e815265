package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.testkit.postgres.TestDatabase;
import com.cureka.appointments.testkit.postgres.TestPostgres;

/** A new, migrated database of its own for a test class, on the test server (embedded, or TEST_DATABASE_URL). */
final class TestDatabases {
    private TestDatabases() {}

    static PostgresDatabase migrated(int poolSize) {
        return start(TestPostgres.freshDatabase(), poolSize);
    }

    static PostgresDatabase start(TestDatabase database, int poolSize) {
        return PostgresDatabase.start(database.jdbcUrl(), database.user(), database.password(), poolSize);
    }
}
