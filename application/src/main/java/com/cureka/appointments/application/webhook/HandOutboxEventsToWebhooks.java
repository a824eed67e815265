package com.cureka.appointments.application.webhook;

import com.cureka.appointments.application.outbox.CurrentAppointments;
import com.cureka.appointments.application.port.outbox.Handled;
import com.cureka.appointments.application.port.outbox.OutboxConsumer;
import com.cureka.appointments.application.port.outbox.OutboxEvent;
import com.cureka.appointments.application.port.webhook.AppointmentEvent;
import com.cureka.appointments.application.port.webhook.AppointmentEventSink;
import com.cureka.appointments.application.port.webhook.WebhookEventType;

/**
 * The outbox's second consumer: turns each committed appointment event into one webhook event and hands it to the
 * fan-out, which queues one delivery per subscriber (idempotent on the event id, so a repeated hand-over is harmless).
 * Reminders are for patients, not integrators: they are skipped. The appointment is read as it is now, which for
 * a later event of the same appointment may already show a newer state; the event type and time are the event's.
 */
public final class HandOutboxEventsToWebhooks implements OutboxConsumer {
    public static final String NAME = "webhooks";

    private final CurrentAppointments current;
    private final AppointmentEventSink sink;

    public HandOutboxEventsToWebhooks(CurrentAppointments current, AppointmentEventSink sink) {
        this.current = current;
        this.sink = sink;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Handled handle(OutboxEvent event) {
        var type = WebhookEventType.fromCode(event.type());
        if (type.isEmpty()) {
            return new Handled.Skipped(null, "not a webhook event: " + event.type());
        }
        var details = current.of(event);
        if (details.isEmpty()) {
            return new Handled.Skipped(null, "the appointment no longer exists");
        }
        sink.accept(new AppointmentEvent(event.id(), type.get(), event.number(), event.occurredAt(), details.get()));
        return new Handled.Sent(null);
    }

    /** The fan-out queues one delivery per subscriber and event id, so a second hand-over queues nothing. */
    @Override
    public boolean repeatsHarmlessly() {
        return true;
    }
}
