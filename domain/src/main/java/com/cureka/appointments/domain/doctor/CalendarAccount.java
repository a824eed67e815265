package com.cureka.appointments.domain.doctor;

import com.cureka.appointments.domain.kernel.AppointmentType;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a doctor's calendar lives in an external calendar service: the account's user name and,
 * per appointment type, the external event type that books it (for Cal.com an event type id).
 */
public record CalendarAccount(String username, Map<AppointmentType, String> eventTypes) {
    public CalendarAccount {
        eventTypes = eventTypes == null || eventTypes.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(eventTypes));
        eventTypes.values().forEach(v -> Objects.requireNonNull(v, "event type"));
        if (username != null && username.isBlank()) {
            username = null;
        }
    }

    public Optional<String> eventTypeFor(AppointmentType type) {
        return Optional.ofNullable(eventTypes.get(type));
    }
}
