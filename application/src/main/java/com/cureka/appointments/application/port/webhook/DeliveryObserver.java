package com.cureka.appointments.application.port.webhook;

import java.time.Duration;
import java.time.Instant;

/** Output port: what the delivery worker reports, for metrics and the log (the application itself logs nothing). */
public interface DeliveryObserver {
    DeliveryObserver NONE = new DeliveryObserver() {};

    /** {@code outcome}: succeeded, retried or failed. */
    default void attempted(String outcome, Duration latency) {}

    /** The subscriber failed every attempt since {@code failingSince} and is now disabled: worth a WARN. */
    default void disabled(WebhookSubscription subscription, Instant failingSince) {}
}
