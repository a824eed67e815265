package com.cureka.appointments.application.port.webhook;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Output port: one signed HTTP attempt of one delivery. Never throws: every failure is an {@link Attempt}. */
public interface WebhookSender {
    Attempt send(WebhookDelivery delivery, URI url, List<String> secrets, Instant now);

    /** {@code statusCode} null when no response came (refused address, timeout, connection error). */
    record Attempt(Integer statusCode, String error, Duration latency) {
        public boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }
}
