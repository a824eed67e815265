package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.patient.Patients;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static com.cureka.appointments.adapters.postgres.Timestamps.utc;

/**
 * {@link Patients} in PostgreSQL ({@code patients}). A patient is registered by the booking transaction of
 * {@link JdbiAppointments}, through {@link #registerAndLock}, never on its own.
 */
public final class JdbiPatients implements Patients {
    private final Jdbi jdbi;

    public JdbiPatients(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<Patient> byId(PatientId id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, email FROM patients WHERE id = :id")
                .bind("id", id.value())
                .map(JdbiPatients::patient)
                .findOne());
    }

    /**
     * Takes the {@link BookingLocks} of the patient and the doctor, then registers the patient, or refreshes the name
     * and email the token brought. The patient's lock queues the patient's other bookings behind this one until it
     * commits, which is what makes the cap exact; the doctor's keeps overlapping bookings from deadlocking. The {@code holds} counter is bumped as {@link Holds}
     * explains.
     */
    static Patient registerAndLock(Handle h, Patient patient, DoctorId doctor, Instant now) {
        return BookingLocks.bind(h.createQuery("""
                        WITH locked AS (SELECT %s)
                        INSERT INTO patients (id, name, email, created_at, updated_at, holds)
                        SELECT :id, :name, :email, :now, :now, 1 FROM locked
                        ON CONFLICT (id) DO UPDATE
                           SET name = COALESCE(EXCLUDED.name, patients.name),
                               email = COALESCE(EXCLUDED.email, patients.email),
                               updated_at = EXCLUDED.updated_at,
                               holds = patients.holds + 1
                        RETURNING id, name, email
                        """.formatted(BookingLocks.TAKE)), patient.id(), doctor)
                .bind("id", patient.id().value())
                .bind("name", patient.name())
                .bind("email", patient.email())
                .bind("now", utc(now))
                .map(JdbiPatients::patient)
                .one();
    }

    private static Patient patient(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Patient(new PatientId(rs.getObject("id", UUID.class)), rs.getString("name"), rs.getString("email"));
    }
}
