package com.cureka.appointments.application.port.webhook;

/** Output port: the body a subscriber receives for an event, rendered once and stored, so every retry is identical. */
@FunctionalInterface
public interface WebhookPayloads {
    String render(AppointmentEvent event);
}
