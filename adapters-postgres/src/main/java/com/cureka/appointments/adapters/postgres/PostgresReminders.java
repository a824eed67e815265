package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.reminder.Reminders;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import static com.cureka.appointments.adapters.postgres.Timestamps.utc;

/**
 * {@link Reminders} in PostgreSQL: a reminder is claimed by inserting its appointment's row into
 * {@code appointment_reminders}; the primary key lets exactly one instance win. The claim goes with its appointment.
 * A claim is per appointment, not per start: an appointment moved after its reminder went out gets no second one.
 */
public final class PostgresReminders implements Reminders {
    private final Jdbi jdbi;

    public PostgresReminders(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public List<Appointment> due(Instant from, Instant to, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT %s
                          FROM appointments a
                         WHERE a.status = 'SCHEDULED'
                           AND a.starts_at >= :from AND a.starts_at < :to
                           AND NOT EXISTS (SELECT 1 FROM appointment_reminders r WHERE r.number = a.number)
                         ORDER BY %s
                         LIMIT :limit
                        """.formatted(AppointmentRows.COLUMNS, AppointmentRows.PAGE_ORDER))
                .bind("from", utc(from))
                .bind("to", utc(to))
                .bind("limit", limit)
                .map(AppointmentRows::appointment)
                .list());
    }

    /** False when the reminder was claimed already, or the appointment is gone (discarded meanwhile). */
    @Override
    public boolean claim(AppointmentNumber number, Instant at) {
        try {
            return jdbi.withHandle(h -> h.createUpdate("""
                            INSERT INTO appointment_reminders (number, claimed_at) VALUES (:number, :at)
                            ON CONFLICT (number) DO NOTHING
                            """)
                            .bind("number", number.format())
                            .bind("at", utc(at))
                            .execute()
                    == 1);
        } catch (JdbiException e) {
            if (PostgresErrors.is(e, PostgresErrors.FOREIGN_KEY_VIOLATION)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void unclaim(AppointmentNumber number) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM appointment_reminders WHERE number = :number")
                .bind("number", number.format())
                .execute());
    }
}
