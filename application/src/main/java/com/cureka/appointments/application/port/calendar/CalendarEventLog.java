package com.cureka.appointments.application.port.calendar;

import java.time.Instant;

/**
 * Output port: remembers webhook deliveries, so that a redelivered event is applied once only. Calendars
 * such as Cal.com sign deliveries but add no id or timestamp header, so the key is a hash of the raw body.
 */
public interface CalendarEventLog {
    /** True the first time this delivery is seen; false for a redelivery. */
    boolean firstDelivery(String deliveryHash, String eventType, Instant receivedAt);

    /** Forgets a delivery whose handling failed, so that the calendar's redelivery is applied. */
    void forget(String deliveryHash);
}
