package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.appointment.AppointmentQuery;
import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.appointment.AuditEntry;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.appointment.HoldResult;
import com.cureka.appointments.application.port.patient.Patients;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.booking.Rejection.SlotUnavailable.Cause;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@link Appointments} and {@link Patients} in PostgreSQL. The overlap invariants are the exclusion constraints of
 * the {@code appointments} table; a violation (SQLState 23P01) is answered by the constraint's name with the
 * rejection it stands for, never an error.
 *
 * <p>Every booking and every change made through {@link #update(Appointment, Change)} appends a line to the
 * appointment's audit trail ({@code appointment_history}) in the same transaction as the write: a refused or rolled
 * back change leaves no line. The table refuses updates and deletes itself; a discarded hold takes its trail along.
 */
public final class JdbiAppointments implements Appointments, Patients {
    static final String DOCTOR_OVERLAP = "appointments_doctor_no_overlap";
    static final String PATIENT_OVERLAP = "appointments_patient_no_overlap";

    static final String COLUMNS = """
            number, doctor_id, patient_id, appointment_type, starts_at, ends_at, status, notes,
            calendar_booking_id, video_url, calendar_event_url, created_at, updated_at""";
    /** Page order: by start, then by number as the domain compares numbers (day, then sequence). */
    static final String PAGE_ORDER = "starts_at, number_day, number_seq";
    /**
     * Two racing inserts of overlapping rows can wait for each other; PostgreSQL then aborts one, which retries
     * after a short random pause (so the same pair does not collide again in step) and then meets the winner's
     * row as an ordinary overlap.
     */
    private static final int DEADLOCK_ATTEMPTS = 10;

    private final Jdbi jdbi;

    public JdbiAppointments(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public HoldResult hold(Appointment appointment, Patient patient, int maxUpcoming, Instant now) {
        try {
            return retryingDeadlocks(() -> jdbi.inTransaction(h -> {
                Patient stored = registerAndLock(h, patient, now);
                if (!insertBelowCap(h, appointment, "patient:" + patient.id(), maxUpcoming, now)) {
                    // Rare path: say which of the two guards refused.
                    return new HoldResult.Refused(
                            doctorIsActive(h, appointment)
                                    ? new Rejection.AppointmentLimitReached(maxUpcoming)
                                    : new Rejection.DoctorNotFound());
                }
                return new HoldResult.Held(appointment, stored);
            }));
        } catch (JdbiException e) {
            return new HoldResult.Refused(overlap(e).orElseThrow(() -> e));
        }
    }

    /**
     * Registers the patient, or refreshes the name and email the token brought. The row lock this takes queues the
     * patient's other bookings behind this one until it commits, which is what makes the cap exact.
     */
    private static Patient registerAndLock(Handle h, Patient patient, Instant now) {
        return h.createQuery("""
                        INSERT INTO patients (id, name, email, created_at, updated_at)
                        VALUES (:id, :name, :email, :now, :now)
                        ON CONFLICT (id) DO UPDATE
                           SET name = COALESCE(EXCLUDED.name, patients.name),
                               email = COALESCE(EXCLUDED.email, patients.email),
                               updated_at = EXCLUDED.updated_at
                        RETURNING id, name, email
                        """)
                .bind("id", patient.id().value())
                .bind("name", patient.name())
                .bind("email", patient.email())
                .bind("now", utc(now))
                .map(JdbiAppointments::patient)
                .one();
    }

    /**
     * Inserts the appointment unless the patient already holds {@code cap} upcoming ones. A statement of its own,
     * after the patient's row lock: under READ COMMITTED its snapshot sees every booking that held the lock before.
     */
    private static boolean doctorIsActive(Handle h, Appointment appointment) {
        return h.createQuery("SELECT active FROM doctors WHERE id = :doctorId")
                .bind("doctorId", appointment.doctorId().value())
                .mapTo(Boolean.class)
                .findOne()
                .orElse(false);
    }

    /**
     * Inserts the appointment and its BOOKED audit line in one statement (one round trip on the hot path), unless
     * the patient already holds {@code cap} upcoming appointments or the doctor was deactivated (by any instance:
     * doctors may be cached elsewhere, this check may not). The count runs after the patient-row lock was
     * taken by the previous statement, so it sees every booking that lock serialised before this one.
     */
    private static boolean insertBelowCap(Handle h, Appointment appointment, String actor, int cap, Instant now) {
        return bind(h.createUpdate("""
                        WITH booked AS (
                            INSERT INTO appointments (%s)
                            SELECT :number, :doctorId, :patientId, :type, :startsAt, :endsAt, :status, :notes,
                                   :calendarBookingId, :videoUrl, :calendarEventUrl, :createdAt, :updatedAt
                             WHERE (SELECT count(*)
                                      FROM appointments
                                     WHERE patient_id = :patientId
                                       AND status IN ('PENDING', 'SCHEDULED')
                                       AND ends_at > :now) < :cap
                               AND EXISTS (SELECT 1 FROM doctors WHERE id = :doctorId AND active)
                            RETURNING number, status, starts_at, ends_at
                        )
                        INSERT INTO appointment_history (number, at, actor, action, to_status, to_starts_at, to_ends_at)
                        SELECT number, :now, :actor, 'BOOKED', status, starts_at, ends_at FROM booked
                        """.formatted(COLUMNS)), appointment)
                        .bind("now", utc(now))
                        .bind("cap", cap)
                        .bind("actor", actor)
                        .execute()
                == 1;
    }

    @Override
    public Optional<Rejection> update(Appointment appointment) {
        return store(null, appointment, null);
    }

    @Override
    public Optional<Rejection> update(Appointment appointment, Change change) {
        return store(null, appointment, Objects.requireNonNull(change, "change"));
    }

    @Override
    public Optional<Rejection> replace(Appointment expected, Appointment changed, Change change) {
        return store(Objects.requireNonNull(expected, "expected"), changed, Objects.requireNonNull(change, "change"));
    }

    /**
     * One transaction: locks the row and reads what it was, updates it, and appends the change to the trail (when
     * there is one). A move onto a taken slot fails the UPDATE (23P01), which rolls the whole transaction back.
     */
    private Optional<Rejection> store(Appointment expected, Appointment appointment, Change change) {
        try {
            return retryingDeadlocks(() -> jdbi.inTransaction(h -> {
                var before = h.createQuery("""
                                SELECT status, starts_at, ends_at, calendar_booking_id
                                  FROM appointments WHERE number = :number FOR UPDATE""")
                        .bind("number", appointment.number().format())
                        .map((rs, ctx) -> new Before(
                                AppointmentStatus.valueOf(rs.getString("status")),
                                new TimeSlot(instant(rs, "starts_at"), instant(rs, "ends_at")),
                                rs.getString("calendar_booking_id")))
                        .findOne();
                if (before.isEmpty()) {
                    if (expected != null) {
                        return Optional.<Rejection>of(CHANGED_MEANWHILE);
                    }
                    throw new IllegalArgumentException("no appointment " + appointment.number());
                }
                if (expected != null && !before.get().matches(expected)) {
                    // Someone changed it since the caller read it: the caller's decision no longer holds.
                    return Optional.<Rejection>of(CHANGED_MEANWHILE);
                }
                bind(h.createUpdate("""
                        UPDATE appointments
                           SET doctor_id = :doctorId, patient_id = :patientId, appointment_type = :type,
                               starts_at = :startsAt, ends_at = :endsAt, status = :status, notes = :notes,
                               calendar_booking_id = :calendarBookingId, video_url = :videoUrl,
                               calendar_event_url = :calendarEventUrl, created_at = :createdAt, updated_at = :updatedAt
                         WHERE number = :number
                        """), appointment).execute();
                if (change != null) {
                    appendHistory(
                            h,
                            appointment.number(),
                            change,
                            before.get().status(),
                            before.get().slot(),
                            appointment);
                }
                return Optional.<Rejection>empty();
            }));
        } catch (JdbiException e) {
            return Optional.of(overlap(e).orElseThrow(() -> e));
        }
    }

    private record Before(AppointmentStatus status, TimeSlot slot, String calendarBookingId) {
        boolean matches(Appointment expected) {
            return status == expected.status()
                    && slot.equals(expected.slot())
                    && Objects.equals(calendarBookingId, expected.calendarBookingId());
        }
    }

    private static void appendHistory(
            Handle h,
            AppointmentNumber number,
            Change change,
            AppointmentStatus fromStatus,
            TimeSlot fromSlot,
            Appointment after) {
        h.createUpdate("""
                        INSERT INTO appointment_history (number, at, actor, action, from_status, to_status,
                                                         from_starts_at, from_ends_at, to_starts_at, to_ends_at, reason)
                        VALUES (:number, :at, :actor, :action, :fromStatus, :toStatus,
                                :fromStartsAt, :fromEndsAt, :toStartsAt, :toEndsAt, :reason)
                        """)
                .bind("number", number.format())
                .bind("at", utc(change.at()))
                .bind("actor", change.actor())
                .bind("action", change.action().name())
                .bind("fromStatus", fromStatus == null ? null : fromStatus.name())
                .bind("toStatus", after.status().name())
                .bind("fromStartsAt", fromSlot == null ? null : utc(fromSlot.start()))
                .bind("fromEndsAt", fromSlot == null ? null : utc(fromSlot.end()))
                .bind("toStartsAt", utc(after.slot().start()))
                .bind("toEndsAt", utc(after.slot().end()))
                .bind("reason", change.reason())
                .execute();
    }

    @Override
    public List<AuditEntry> history(AppointmentNumber number) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT number, at, actor, action, from_status, to_status,
                               from_starts_at, from_ends_at, to_starts_at, to_ends_at, reason
                          FROM appointment_history
                         WHERE number = :number
                         ORDER BY id
                        """)
                .bind("number", number.format())
                .map(JdbiAppointments::auditEntry)
                .list());
    }

    /** Deletes a PENDING hold; its trail and reminder claim go with it (ON DELETE CASCADE). Any other status is kept. */
    @Override
    public void discard(AppointmentNumber number) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM appointments WHERE number = :number AND status = 'PENDING'")
                .bind("number", number.format())
                .execute());
    }

    @Override
    public Optional<Appointment> byNumber(AppointmentNumber number) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM appointments WHERE number = :number")
                .bind("number", number.format())
                .map(JdbiAppointments::appointment)
                .findOne());
    }

    @Override
    public List<Appointment> holdingSlotsOfDoctor(DoctorId doctor, TimeSlot window) {
        return holding("doctor_id", doctor.value(), window);
    }

    @Override
    public List<Appointment> holdingSlotsOfPatient(PatientId patient, TimeSlot window) {
        return holding("patient_id", patient.value(), window);
    }

    /** Written as the exclusion constraints are, so that their GiST indexes answer it. */
    private List<Appointment> holding(String column, UUID id, TimeSlot window) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT %s
                          FROM appointments
                         WHERE %s = :id
                           AND status IN ('PENDING', 'SCHEDULED')
                           AND tstzrange(starts_at, ends_at, '[)') && tstzrange(:from, :to, '[)')
                         ORDER BY %s
                        """.formatted(COLUMNS, column, PAGE_ORDER))
                .bind("id", id)
                .bind("from", utc(window.start()))
                .bind("to", utc(window.end()))
                .map(JdbiAppointments::appointment)
                .list());
    }

    @Override
    public List<Appointment> pendingCreatedBefore(Instant instant) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT %s
                          FROM appointments
                         WHERE status = 'PENDING' AND created_at < :instant
                         ORDER BY created_at, number_day, number_seq
                        """.formatted(COLUMNS))
                .bind("instant", utc(instant))
                .map(JdbiAppointments::appointment)
                .list());
    }

    @Override
    public List<Appointment> page(AppointmentQuery q) {
        var conditions = new ArrayList<String>();
        var values = new HashMap<String, Object>();
        if (q.patient() != null) {
            conditions.add("patient_id = :patient");
            values.put("patient", q.patient().value());
        }
        if (q.doctor() != null) {
            conditions.add("doctor_id = :doctor");
            values.put("doctor", q.doctor().value());
        }
        if (q.status() != null) {
            conditions.add("status = :status");
            values.put("status", q.status().name());
        }
        if (q.from() != null) {
            conditions.add("starts_at >= :from");
            values.put("from", utc(q.from()));
        }
        if (q.to() != null) {
            conditions.add("starts_at < :to");
            values.put("to", utc(q.to()));
        }
        if (q.after() != null) {
            conditions.add("(" + PAGE_ORDER + ") > (:afterStart, :afterDay, :afterSequence)");
            values.put("afterStart", utc(q.after().start()));
            values.put("afterDay", q.after().number().day().format(DateTimeFormatter.BASIC_ISO_DATE));
            values.put("afterSequence", q.after().number().sequence());
        }
        String sql = "SELECT " + COLUMNS + " FROM appointments"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY " + PAGE_ORDER + " LIMIT :limit";
        return jdbi.withHandle(h -> h.createQuery(sql)
                .bindMap(values)
                .bind("limit", q.limit())
                .map(JdbiAppointments::appointment)
                .list());
    }

    @Override
    public Optional<Patient> byId(PatientId id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, email FROM patients WHERE id = :id")
                .bind("id", id.value())
                .map(JdbiAppointments::patient)
                .findOne());
    }

    /** The rejection an exclusion-constraint violation stands for; empty for any other failure. */
    private static Optional<Rejection> overlap(JdbiException failure) {
        if (!PostgresErrors.is(failure, PostgresErrors.EXCLUSION_VIOLATION)) {
            return Optional.empty();
        }
        return PostgresErrors.constraint(failure).flatMap(constraint -> switch (constraint) {
            case DOCTOR_OVERLAP -> Optional.of(new Rejection.SlotUnavailable(Cause.TAKEN));
            case PATIENT_OVERLAP -> Optional.of(new Rejection.PatientConflict());
            default -> Optional.empty();
        });
    }

    private static <T> T retryingDeadlocks(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (JdbiException e) {
                if (attempt == DEADLOCK_ATTEMPTS || !PostgresErrors.is(e, PostgresErrors.DEADLOCK_DETECTED)) {
                    throw e;
                }
                try {
                    Thread.sleep(
                            java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 5L * attempt + 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static <S extends SqlStatement<S>> S bind(S statement, Appointment a) {
        return statement
                .bind("number", a.number().format())
                .bind("doctorId", a.doctorId().value())
                .bind("patientId", a.patientId().value())
                .bind("type", a.type().name())
                .bind("startsAt", utc(a.slot().start()))
                .bind("endsAt", utc(a.slot().end()))
                .bind("status", a.status().name())
                .bind("notes", a.notes())
                .bind("calendarBookingId", a.calendarBookingId())
                .bind("videoUrl", a.links().videoConferenceUrl())
                .bind("calendarEventUrl", a.links().calendarEventUrl())
                .bind("createdAt", utc(a.createdAt()))
                .bind("updatedAt", utc(a.updatedAt()));
    }

    private static AuditEntry auditEntry(ResultSet rs, StatementContext ctx) throws SQLException {
        String number = rs.getString("number");
        String fromStatus = rs.getString("from_status");
        OffsetDateTime fromStart = rs.getObject("from_starts_at", OffsetDateTime.class);
        OffsetDateTime fromEnd = rs.getObject("from_ends_at", OffsetDateTime.class);
        return new AuditEntry(
                AppointmentNumber.parse(number)
                        .orElseThrow(() -> new IllegalStateException("malformed appointment number " + number)),
                instant(rs, "at"),
                rs.getString("actor"),
                Change.Action.valueOf(rs.getString("action")),
                fromStatus == null ? null : AppointmentStatus.valueOf(fromStatus),
                AppointmentStatus.valueOf(rs.getString("to_status")),
                fromStart == null ? null : new TimeSlot(fromStart.toInstant(), fromEnd.toInstant()),
                new TimeSlot(instant(rs, "to_starts_at"), instant(rs, "to_ends_at")),
                rs.getString("reason"));
    }

    /** Maps a row of {@link #COLUMNS}. */
    static Appointment appointment(ResultSet rs, StatementContext ctx) throws SQLException {
        String number = rs.getString("number");
        return new Appointment(
                AppointmentNumber.parse(number)
                        .orElseThrow(() -> new IllegalStateException("malformed appointment number " + number)),
                new DoctorId(rs.getObject("doctor_id", UUID.class)),
                new PatientId(rs.getObject("patient_id", UUID.class)),
                AppointmentType.valueOf(rs.getString("appointment_type")),
                new TimeSlot(instant(rs, "starts_at"), instant(rs, "ends_at")),
                AppointmentStatus.valueOf(rs.getString("status")),
                rs.getString("notes"),
                rs.getString("calendar_booking_id"),
                new MeetingLinks(rs.getString("video_url"), rs.getString("calendar_event_url")),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Patient patient(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Patient(new PatientId(rs.getObject("id", UUID.class)), rs.getString("name"), rs.getString("email"));
    }

    /** Bound as timestamptz (the driver types an OffsetDateTime), never as a timestamp in the JVM's zone. */
    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
