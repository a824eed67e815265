package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.testkit.postgres.DoctorsContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class JdbiDoctorsContractTest extends DoctorsContract<JdbiDoctors> {
    private static PostgresDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabases.migrated(4);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Override
    protected JdbiDoctors newDoctors() {
        database.jdbi()
                .useHandle(h -> h.execute(
                        "TRUNCATE appointment_history, appointment_reminders, appointments, patients, doctors"));
        return new JdbiDoctors(database.jdbi());
    }
}
