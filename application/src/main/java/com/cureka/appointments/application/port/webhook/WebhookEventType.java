package com.cureka.appointments.application.port.webhook;

import java.util.Arrays;
import java.util.Optional;

/** The events a subscriber can choose (API.md, "Outbound webhooks"), by their wire names. */
public enum WebhookEventType {
    BOOKED("appointment.booked"),
    RESCHEDULED("appointment.rescheduled"),
    CANCELLED("appointment.cancelled"),
    COMPLETED("appointment.completed"),
    NO_SHOW("appointment.no_show");

    private final String code;

    WebhookEventType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<WebhookEventType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
