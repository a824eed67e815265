package com.cureka.appointments.application.memory;

import com.cureka.appointments.application.port.calendar.CalendarEventLog;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link CalendarEventLog} for a single instance. */
public final class InMemoryCalendarEventLog implements CalendarEventLog {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public boolean firstDelivery(String deliveryHash, String eventType, Instant receivedAt) {
        return seen.add(deliveryHash);
    }

    @Override
    public void forget(String deliveryHash) {
        seen.remove(deliveryHash);
    }
}
