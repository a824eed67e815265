package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.schedule.Schedule;
import com.cureka.appointments.testkit.outbox.OutboxContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.ZoneOffset;

class PostgresOutboxContractTest extends OutboxContract {
    private static PostgresDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabases.migrated(8);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Override
    protected Stores newStores() {
        database.jdbi()
                .useHandle(
                        h -> h.execute(
                                "TRUNCATE outbox, appointment_history, appointment_reminders, appointments, patients, doctors"));
        return new Stores(new JdbiAppointments(database.jdbi()), new PostgresOutbox(database.jdbi()));
    }

    @Override
    protected void addDoctor(DoctorId doctor) {
        new JdbiDoctors(database.jdbi())
                .add(new Doctor(doctor, "Dr. " + doctor, null, null, Schedule.standard(ZoneOffset.UTC), null, true));
    }
}
