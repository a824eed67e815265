package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.appointment.HoldResult;
import com.cureka.appointments.application.port.outbox.AppointmentEvents;
import com.cureka.appointments.application.port.outbox.OutboxEvent;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.patient.Patient;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.cureka.appointments.adapters.postgres.AppointmentRows.COLUMNS;
import static com.cureka.appointments.adapters.postgres.Timestamps.utc;

/**
 * How {@link JdbiAppointments#hold} writes a booking: the appointment, its BOOKED audit line and, when it is SCHEDULED
 * already, its outbox event, unless the patient already holds {@code cap} upcoming appointments or the doctor was
 * deactivated (by any instance: doctors may be cached elsewhere, this check may not).
 *
 * <p><b>One round trip</b> when the patient is new or the patient's row already holds what the token says: one
 * autocommit statement takes the {@link BookingLocks}, registers the patient or bumps the patient's {@code holds}
 * counter, and inserts. A patient the snapshot does not show is registered by {@code INSERT … ON CONFLICT DO NOTHING}:
 * when another booking of that patient registered them after the snapshot, the insert does nothing, and the booking
 * is written the careful way, as below.
 * Its cap count reads the statement's snapshot, taken before the locks were granted, so a booking of the same patient
 * that committed in between would be missed; but every booking bumps the counter, and the bump is an UPDATE, which in
 * READ COMMITTED re-checks its condition {@code holds = (what the snapshot saw)} against the newest row version. So
 * when another booking of the patient committed after the snapshot, the bump matches no row, nothing is inserted, and
 * the booking is written again the careful way. Exact without holding a lock across round trips.
 *
 * <p><b>The careful way</b> (a changed name or e-mail, or a race with the patient's own other booking): a transaction that takes the locks and registers the patient in one statement, then counts and
 * inserts in a second, whose snapshot is newer than the locks.
 */
final class Holds {
    /** The appointment, its outbox event and its audit line, from the rows of {@code source}; binds as {@link #bind}. */
    private static final String INSERT_FROM = """
            booked AS (
                INSERT INTO appointments (%s)
                SELECT :number, :doctorId, :patientId, :type, :startsAt, :endsAt, :status, :notes,
                       :calendarBookingId, :videoUrl, :calendarEventUrl, :createdAt, :updatedAt
                  FROM %s
                 WHERE (SELECT count(*)
                          FROM appointments
                         WHERE patient_id = :patientId
                           AND status IN ('PENDING', 'SCHEDULED')
                           AND ends_at > :now) < :cap
                   AND EXISTS (SELECT 1 FROM doctors WHERE id = :doctorId AND active)
                RETURNING number, status, starts_at, ends_at
            ), event AS (
                INSERT INTO outbox (event_id, consumer, event_type, number, occurred_at, payload, due_at, created_at)
                SELECT :eventId, c, :eventType, number, :now, CAST(:payload AS jsonb), :now, :now
                  FROM booked, unnest(CAST(:consumers AS text[])) AS c
            ), history AS (
                INSERT INTO appointment_history (number, at, actor, action, to_status, to_starts_at, to_ends_at)
                SELECT number, :now, :actor, 'BOOKED', status, starts_at, ends_at FROM booked
                RETURNING 1
            )""";

    private static final String AT_ONCE = """
            WITH locked AS MATERIALIZED (SELECT %s),
            bumped AS (
                UPDATE patients p
                   SET holds = p.holds + 1
                  FROM locked
                 WHERE p.id = :patientId
                   AND p.holds = (SELECT holds FROM patients WHERE id = :patientId)
                   AND (CAST(:name AS text) IS NULL OR p.name = :name)
                   AND (CAST(:email AS text) IS NULL OR p.email = :email)
                RETURNING p.name, p.email
            ), registered AS (
                INSERT INTO patients (id, name, email, created_at, updated_at, holds)
                SELECT :patientId, :name, :email, :now, :now, 1
                  FROM locked
                 WHERE NOT EXISTS (SELECT 1 FROM patients WHERE id = :patientId)
                ON CONFLICT (id) DO NOTHING
                RETURNING name, email
            ), known AS (
                SELECT name, email FROM bumped UNION ALL SELECT name, email FROM registered
            ), %s
            SELECT known.name, known.email, (SELECT count(*) FROM history) AS booked FROM known
            """.formatted(BookingLocks.TAKE, INSERT_FROM.formatted(COLUMNS, "known"));

    private static final NamedSql AT_ONCE_STATEMENT = NamedSql.of(AT_ONCE);

    private static final String CAREFULLY =
            "WITH " + INSERT_FROM.formatted(COLUMNS, "(SELECT 1) AS registered") + " SELECT count(*) FROM history";

    private Holds() {}

    /**
     * The booking written in one statement, or empty when it must be written {@link #carefully}: the patient's row
     * says otherwise, or another booking of the patient committed meanwhile.
     */
    static Optional<HoldResult> atOnce(
            Jdbi jdbi, Appointment appointment, Patient patient, int cap, Instant now, List<String> consumers) {
        var values = values(appointment, "patient:" + patient.id(), cap, now, consumers);
        values.put("lockPatient", BookingLocks.key(patient.id()));
        values.put("lockDoctor", BookingLocks.key(appointment.doctorId()));
        values.put("name", patient.name());
        values.put("email", patient.email());
        return jdbi.withHandle(h -> AT_ONCE_STATEMENT
                .queryOne(
                        h,
                        values,
                        rs -> new Bumped(
                                new Patient(patient.id(), rs.getString("name"), rs.getString("email")),
                                rs.getLong("booked") == 1))
                .map(bumped -> bumped.booked()
                        ? new HoldResult.Held(appointment, bumped.stored())
                        : refused(h, appointment, cap)));
    }

    /** The patient as stored, and whether the appointment was inserted after the patient's counter was bumped. */
    private record Bumped(Patient stored, boolean booked) {}

    /** The booking in a transaction of two statements; see the class comment. Call inside a transaction. */
    static HoldResult carefully(
            Handle h, Appointment appointment, Patient patient, int cap, Instant now, List<String> consumers) {
        Patient stored = JdbiPatients.registerAndLock(h, patient, appointment.doctorId(), now);
        long booked = bind(h.createQuery(CAREFULLY), appointment, "patient:" + patient.id(), cap, now, consumers)
                .mapTo(Long.class)
                .one();
        return booked == 1 ? new HoldResult.Held(appointment, stored) : refused(h, appointment, cap);
    }

    /** Rare path: says which of the two guards refused, a deactivated doctor or else the patient's cap. */
    private static HoldResult refused(Handle h, Appointment appointment, int cap) {
        boolean doctorActive = h.createQuery("SELECT active FROM doctors WHERE id = :doctorId")
                .bind("doctorId", appointment.doctorId().value())
                .mapTo(Boolean.class)
                .findOne()
                .orElse(false);
        return new HoldResult.Refused(
                doctorActive ? new Rejection.AppointmentLimitReached(cap) : new Rejection.DoctorNotFound());
    }

    private static <S extends SqlStatement<S>> S bind(
            S statement, Appointment appointment, String actor, int cap, Instant now, List<String> consumers) {
        return statement.bindMap(values(appointment, actor, cap, now, consumers));
    }

    /** The appointment's columns, and what its outbox event and audit line are written with. */
    private static Map<String, Object> values(
            Appointment appointment, String actor, int cap, Instant now, List<String> consumers) {
        // A PENDING hold tells nobody yet: its event is written when the calendar confirms it (see AppointmentEvents).
        var event = AppointmentEvents.of(new Change(actor, Change.Action.BOOKED, null, now), null, appointment, 0);
        var values = AppointmentRows.values(appointment);
        values.put("now", utc(now));
        values.put("cap", cap);
        values.put("actor", actor);
        values.put("eventId", event.map(OutboxEvent::id).orElse(new UUID(0, 0)));
        values.put("eventType", event.map(OutboxEvent::type).orElse(""));
        values.put("payload", event.map(e -> OutboxRows.json(e.payload())).orElse("{}"));
        values.put("consumers", event.isPresent() ? consumers.toArray(String[]::new) : new String[0]);
        return values;
    }
}
