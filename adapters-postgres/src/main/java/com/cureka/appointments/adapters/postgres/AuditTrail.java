package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.appointment.AuditEntry;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.kernel.TimeSlot;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import static com.cureka.appointments.adapters.postgres.Timestamps.instant;
import static com.cureka.appointments.adapters.postgres.Timestamps.utc;

/**
 * The {@code appointment_history} table: one line per change, written on the caller's handle so that it commits or
 * rolls back with the change itself. The booking's own first line is written by the booking statement.
 */
final class AuditTrail {
    private AuditTrail() {}

    /** Appends the change that took the appointment from {@code fromStatus} and {@code fromSlot} to {@code after}. */
    static void append(Handle h, Change change, AppointmentStatus fromStatus, TimeSlot fromSlot, Appointment after) {
        h.createUpdate("""
                        INSERT INTO appointment_history (number, at, actor, action, from_status, to_status,
                                                         from_starts_at, from_ends_at, to_starts_at, to_ends_at, reason)
                        VALUES (:number, :at, :actor, :action, :fromStatus, :toStatus,
                                :fromStartsAt, :fromEndsAt, :toStartsAt, :toEndsAt, :reason)
                        """)
                .bind("number", after.number().format())
                .bind("at", utc(change.at()))
                .bind("actor", change.actor())
                .bind("action", change.action().name())
                .bind("fromStatus", fromStatus.name())
                .bind("toStatus", after.status().name())
                .bind("fromStartsAt", utc(fromSlot.start()))
                .bind("fromEndsAt", utc(fromSlot.end()))
                .bind("toStartsAt", utc(after.slot().start()))
                .bind("toEndsAt", utc(after.slot().end()))
                .bind("reason", change.reason())
                .execute();
    }

    /** How many lines the appointment's trail has: the changes it went through, its booking included. */
    static long count(Handle h, AppointmentNumber number) {
        return h.createQuery("SELECT count(*) FROM appointment_history WHERE number = :number")
                .bind("number", number.format())
                .mapTo(Long.class)
                .one();
    }

    /** The appointment's lines in the order they were written. */
    static List<AuditEntry> of(Handle h, AppointmentNumber number) {
        return h.createQuery("""
                        SELECT number, at, actor, action, from_status, to_status,
                               from_starts_at, from_ends_at, to_starts_at, to_ends_at, reason
                          FROM appointment_history
                         WHERE number = :number
                         ORDER BY id
                        """)
                .bind("number", number.format())
                .map(AuditTrail::entry)
                .list();
    }

    private static AuditEntry entry(ResultSet rs, StatementContext ctx) throws SQLException {
        String fromStatus = rs.getString("from_status");
        OffsetDateTime fromStart = rs.getObject("from_starts_at", OffsetDateTime.class);
        OffsetDateTime fromEnd = rs.getObject("from_ends_at", OffsetDateTime.class);
        return new AuditEntry(
                AppointmentRows.number(rs),
                instant(rs, "at"),
                rs.getString("actor"),
                Change.Action.valueOf(rs.getString("action")),
                fromStatus == null ? null : AppointmentStatus.valueOf(fromStatus),
                AppointmentStatus.valueOf(rs.getString("to_status")),
                fromStart == null ? null : new TimeSlot(fromStart.toInstant(), fromEnd.toInstant()),
                new TimeSlot(instant(rs, "to_starts_at"), instant(rs, "to_ends_at")),
                rs.getString("reason"));
    }
}
