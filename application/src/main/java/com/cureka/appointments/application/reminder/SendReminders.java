package com.cureka.appointments.application.reminder;

import com.cureka.appointments.application.port.reminder.Reminders;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Use case (job, once across the cluster): queues the reminders that are due, one per appointment and offset
 * ({@code REMINDER_OFFSETS}, e.g. 24 h and 2 h before the start). The claim writes the reminder into the outbox, which
 * sends it ({@code NotifyPatients}); running the job again, or on two instances, queues nothing twice.
 */
public final class SendReminders {
    private static final int BATCH = 500;

    private final Reminders reminders;
    private final List<Duration> offsets;
    private final Clock clock;

    public SendReminders(Reminders reminders, List<Duration> offsets, Clock clock) {
        this.reminders = reminders;
        this.offsets = List.copyOf(offsets);
        this.clock = clock;
    }

    /** {@code queued}: reminders handed to the outbox by this run. */
    public record Report(int queued) {}

    public Report run() {
        var now = clock.instant();
        int queued = 0;
        for (var offset : offsets) {
            for (var appointment : reminders.due(offset, now, BATCH)) {
                if (reminders.claim(appointment, offset, now)) {
                    queued++;
                }
            }
        }
        return new Report(queued);
    }
}
