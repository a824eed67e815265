package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.outbox.AppointmentEvents;
import com.cureka.appointments.application.port.outbox.Outbox;
import com.cureka.appointments.application.port.reminder.Reminders;
import com.cureka.appointments.domain.appointment.Appointment;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import static com.cureka.appointments.adapters.postgres.Timestamps.utc;

/**
 * {@link Reminders} in PostgreSQL: a reminder is claimed by inserting its row into {@code appointment_reminders}
 * (primary key: appointment and offset, so exactly one instance wins), and queued by inserting its outbox event in the
 * same transaction. The claim goes with its appointment. A claim of before V10 ({@code '*'}) counts for every offset.
 */
public final class PostgresReminders implements Reminders {
    private final Jdbi jdbi;
    private final List<String> consumers;

    public PostgresReminders(Jdbi jdbi) {
        this(jdbi, Outbox.DEFAULT_CONSUMERS);
    }

    public PostgresReminders(Jdbi jdbi, List<String> consumers) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.consumers = List.copyOf(consumers);
    }

    @Override
    public List<Appointment> due(Duration offset, Instant now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT %s
                          FROM appointments a
                         WHERE a.status = 'SCHEDULED'
                           AND a.starts_at >= :now AND a.starts_at < :until
                           AND a.created_at <= a.starts_at - CAST(:offset AS interval)
                           AND NOT EXISTS (SELECT 1 FROM appointment_reminders r
                                            WHERE r.number = a.number AND r.offset_name IN (:offsetName, '*'))
                         ORDER BY %s
                         LIMIT :limit
                        """.formatted(AppointmentRows.COLUMNS, AppointmentRows.PAGE_ORDER))
                .bind("now", utc(now))
                .bind("until", utc(now.plus(offset)))
                .bind("offset", offset.getSeconds() + " seconds")
                .bind("offsetName", offset.toString())
                .bind("limit", limit)
                .map(AppointmentRows::appointment)
                .list());
    }

    /** The claim only stands while the appointment is SCHEDULED at the start it was found with (the row is locked). */
    @Override
    public boolean claim(Appointment appointment, Duration offset, Instant at) {
        return jdbi.inTransaction(h -> {
            boolean claimed = h.createUpdate("""
                                    INSERT INTO appointment_reminders (number, offset_name, claimed_at)
                                    SELECT number, :offsetName, :at FROM appointments
                                     WHERE number = :number AND status = 'SCHEDULED' AND starts_at = :startsAt
                                       AND NOT EXISTS (SELECT 1 FROM appointment_reminders
                                                        WHERE number = :number AND offset_name = '*')
                                       FOR UPDATE
                                    ON CONFLICT (number, offset_name) DO NOTHING
                                    """)
                            .bind("number", appointment.number().format())
                            .bind("offsetName", offset.toString())
                            .bind("startsAt", utc(appointment.slot().start()))
                            .bind("at", utc(at))
                            .execute()
                    == 1;
            if (claimed) {
                long version = AuditTrail.count(h, appointment.number()) - 1;
                OutboxRows.insert(
                        h, AppointmentEvents.reminder(appointment, offset.toString(), version, at), consumers);
            }
            return claimed;
        });
    }
}
