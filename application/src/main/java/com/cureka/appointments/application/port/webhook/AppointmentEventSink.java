package com.cureka.appointments.application.port.webhook;

/**
 * The seam between the transactional outbox and its consumers (docs/webhooks.md): the outbox dispatcher calls
 * {@link #accept} once per committed appointment change, possibly more than once for the same event (after a crash
 * between handing on and marking done), so every consumer must be idempotent on {@link AppointmentEvent#eventId()}.
 * A thrown exception means "not taken": the dispatcher keeps the row and hands it on again later.
 */
@FunctionalInterface
public interface AppointmentEventSink {
    void accept(AppointmentEvent event);
}
