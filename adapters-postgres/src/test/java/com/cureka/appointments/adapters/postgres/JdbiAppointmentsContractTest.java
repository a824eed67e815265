package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.patient.Patients;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.schedule.Schedule;
import com.cureka.appointments.testkit.postgres.AppointmentsContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.ZoneOffset;

class JdbiAppointmentsContractTest extends AppointmentsContract<JdbiAppointments> {
    private static PostgresDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabases.migrated(32);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Override
    protected JdbiAppointments newStore() {
        database.jdbi()
                .useHandle(h -> h.execute(
                        "TRUNCATE appointment_history, appointment_reminders, appointments, patients, doctors"));
        return new JdbiAppointments(database.jdbi());
    }

    @Override
    protected Patients patientsOf(JdbiAppointments store) {
        return new JdbiPatients(database.jdbi());
    }

    @Override
    protected void addDoctor(DoctorId doctor) {
        new JdbiDoctors(database.jdbi())
                .add(new Doctor(doctor, "Dr. " + doctor, null, null, Schedule.standard(ZoneOffset.UTC), null, true));
    }
}
