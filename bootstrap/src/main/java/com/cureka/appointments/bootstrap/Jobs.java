package com.cureka.appointments.bootstrap;

import com.cureka.appointments.adapters.postgres.PostgresCalendarEventLog;
import com.cureka.appointments.adapters.postgres.jobs.ClusterJobs;
import com.cureka.appointments.application.calendar.ReconcileWithCalendar;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.reminder.SendReminders;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Wiring step "jobs": the background jobs, each run once across the cluster (db-scheduler and advisory locks). */
final class Jobs {
    /** Sent, skipped and failed messages stay listed (admin notifications, history) this long. */
    private static final Duration OUTBOX_RETENTION = Duration.ofDays(30);

    private Jobs() {}

    static ClusterJobs of(
            Settings settings, Clock clock, Storage storage, SharedState shared, CalendarGateway calendar) {
        // A hold is stale only after the calendar call surely ended, also on an instance whose clock is a little off.
        var reconcile = new ReconcileWithCalendar(
                storage.appointments(),
                storage.doctors(),
                calendar,
                shared.cache(),
                clock,
                settings.calendarTimeout().plus(settings.reconcile().margin()));
        // Reminders are queued into the outbox (claim + event in one transaction); the dispatcher sends them.
        var reminders =
                new SendReminders(storage.reminders(), settings.notifications().reminderOffsets(), clock);
        var idempotency = storage.idempotency();
        var webhookLog = storage.calendarEventLog();
        var outbox = storage.outbox();
        return ClusterJobs.standard(
                storage.database().dataSource(),
                settings.reconcile().every(),
                () -> counts(reconcile.run()),
                () -> Map.of("queued", (long) reminders.run().queued()),
                () -> Map.of(
                        "idempotency_keys_purged", (long) idempotency.purgeExpired(clock.instant()),
                        "webhook_deliveries_purged",
                                (long) webhookLog.purgeOlderThan(
                                        clock.instant().minus(PostgresCalendarEventLog.DEFAULT_RETENTION)),
                        "outbox_purged",
                                (long) outbox.purgeFinishedBefore(
                                        clock.instant().minus(OUTBOX_RETENTION))));
    }

    private static Map<String, Long> counts(ReconcileWithCalendar.Report report) {
        return Map.of(
                "pending_confirmed", (long) report.pendingConfirmed(),
                "pending_released", (long) report.pendingReleased(),
                "orphans_cancelled", (long) report.orphansCancelled(),
                "errors", (long) report.errors());
    }
}
