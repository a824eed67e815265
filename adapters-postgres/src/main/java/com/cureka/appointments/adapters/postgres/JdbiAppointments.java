package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.appointment.AppointmentQuery;
import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.appointment.AuditEntry;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.appointment.HoldResult;
import com.cureka.appointments.application.port.outbox.AppointmentEvents;
import com.cureka.appointments.application.port.outbox.Outbox;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.booking.Rejection.SlotUnavailable.Cause;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import static com.cureka.appointments.adapters.postgres.AppointmentRows.COLUMNS;
import static com.cureka.appointments.adapters.postgres.AppointmentRows.PAGE_ORDER;
import static com.cureka.appointments.adapters.postgres.AppointmentRows.bind;
import static com.cureka.appointments.adapters.postgres.DeadlockRetry.retrying;
import static com.cureka.appointments.adapters.postgres.Timestamps.instant;
import static com.cureka.appointments.adapters.postgres.Timestamps.utc;

/**
 * {@link Appointments} in PostgreSQL. The overlap invariants are the exclusion constraints of the {@code appointments}
 * table; a violation (SQLState 23P01) is answered by the constraint's name with the rejection it stands for, never an
 * error.
 *
 * <p>Every booking and every change made through {@link #replace} appends a line to the
 * appointment's audit trail ({@link AuditTrail}) in the same transaction as the write: a refused or rolled back
 * change leaves no line. The table refuses updates and deletes itself; a discarded hold takes its trail along.
 *
 * <p>Likewise the change's outbox event ({@link AppointmentEvents}, {@link OutboxRows}): written in the same
 * transaction, so that nobody is told of a change that rolled back, and nobody is left untold of one that committed.
 */
public final class JdbiAppointments implements Appointments {
    static final String DOCTOR_OVERLAP = "appointments_doctor_no_overlap";
    static final String PATIENT_OVERLAP = "appointments_patient_no_overlap";

    private final Jdbi jdbi;
    private final List<String> consumers;

    public JdbiAppointments(Jdbi jdbi) {
        this(jdbi, Outbox.DEFAULT_CONSUMERS);
    }

    /** @param consumers the outbox consumers every event of a change is written for (see {@link PostgresOutbox}) */
    public JdbiAppointments(Jdbi jdbi, List<String> consumers) {
        this.jdbi = jdbi;
        this.consumers = List.copyOf(consumers);
    }

    /** One round trip for a known patient, a two-statement transaction otherwise: see {@link Holds}. */
    @Override
    public HoldResult hold(Appointment appointment, Patient patient, int maxUpcoming, Instant now) {
        try {
            return retrying(() -> Holds.atOnce(jdbi, appointment, patient, maxUpcoming, now, consumers)
                    .orElseGet(() -> jdbi.inTransaction(
                            h -> Holds.carefully(h, appointment, patient, maxUpcoming, now, consumers))));
        } catch (JdbiException e) {
            return new HoldResult.Refused(overlap(e).orElseThrow(() -> e));
        }
    }

    /**
     * One transaction: locks the row and reads what it was, updates it if it is still as expected, and appends the
     * change to the trail. A move onto a taken slot fails the UPDATE (23P01), which rolls the whole transaction back.
     */
    @Override
    public Optional<Rejection> replace(Appointment expected, Appointment changed, Change change) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(change, "change");
        try {
            return retrying(() -> jdbi.inTransaction(h -> {
                // The booking locks first, the row's lock after them: the order every writer keeps.
                var before = BookingLocks.bind(
                                h.createQuery("""
                                WITH locked AS MATERIALIZED (SELECT %s)
                                SELECT status, starts_at, ends_at, calendar_booking_id
                                  FROM locked, appointments WHERE number = :number
                                   FOR UPDATE OF appointments""".formatted(BookingLocks.TAKE)),
                                expected.patientId(),
                                expected.doctorId())
                        .bind("number", changed.number().format())
                        .map((rs, ctx) -> new Before(
                                AppointmentStatus.valueOf(rs.getString("status")),
                                new TimeSlot(instant(rs, "starts_at"), instant(rs, "ends_at")),
                                rs.getString("calendar_booking_id")))
                        .findOne();
                if (before.isEmpty() || !before.get().matches(expected)) {
                    // Gone, or changed since the caller read it: the caller's decision no longer holds.
                    return Optional.<Rejection>of(CHANGED_MEANWHILE);
                }
                bind(h.createUpdate("""
                        UPDATE appointments
                           SET doctor_id = :doctorId, patient_id = :patientId, appointment_type = :type,
                               starts_at = :startsAt, ends_at = :endsAt, status = :status, notes = :notes,
                               calendar_booking_id = :calendarBookingId, video_url = :videoUrl,
                               calendar_event_url = :calendarEventUrl, created_at = :createdAt, updated_at = :updatedAt
                         WHERE number = :number
                        """), changed).execute();
                long sequence = AuditTrail.count(h, changed.number());
                AuditTrail.append(h, change, before.get().status(), before.get().slot(), changed);
                AppointmentEvents.of(change, before.get().status(), changed, sequence)
                        .ifPresent(event -> OutboxRows.insert(h, event, consumers));
                return Optional.<Rejection>empty();
            }));
        } catch (JdbiException e) {
            return Optional.of(overlap(e).orElseThrow(() -> e));
        }
    }

    /** What the row was when the change locked it. */
    private record Before(AppointmentStatus status, TimeSlot slot, String calendarBookingId) {
        boolean matches(Appointment expected) {
            return status == expected.status()
                    && slot.equals(expected.slot())
                    && Objects.equals(calendarBookingId, expected.calendarBookingId());
        }
    }

    @Override
    public List<AuditEntry> history(AppointmentNumber number) {
        return jdbi.withHandle(h -> AuditTrail.of(h, number));
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
                .map(AppointmentRows::appointment)
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
                .map(AppointmentRows::appointment)
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
                .map(AppointmentRows::appointment)
                .list());
    }

    @Override
    public List<Appointment> page(AppointmentQuery query) {
        return jdbi.withHandle(h -> AppointmentPage.fetch(h, query));
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
}
