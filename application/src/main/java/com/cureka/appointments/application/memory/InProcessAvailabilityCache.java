package com.cureka.appointments.application.memory;

import com.cureka.appointments.application.port.availability.AvailabilityCache;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link AvailabilityCache} for a single instance: entries live for a fixed time. Entries are grouped by doctor
 * and day, so that the invalidation every booking makes touches one small map, not the whole cache.
 */
public final class InProcessAvailabilityCache implements AvailabilityCache {
    private record Entry(List<TimeSlot> slots, Instant expires) {}

    /** The entries of one doctor, by day, then by type. */
    private final Map<DoctorId, Map<LocalDate, Map<AppointmentType, Entry>>> entries = new ConcurrentHashMap<>();

    private final Duration timeToLive;
    private final Clock clock;

    public InProcessAvailabilityCache(Duration timeToLive, Clock clock) {
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    @Override
    public Optional<List<TimeSlot>> get(DoctorId doctor, LocalDate day, AppointmentType type) {
        var days = entries.get(doctor);
        var types = days == null ? null : days.get(day);
        var entry = types == null ? null : types.get(type);
        if (entry == null || !clock.instant().isBefore(entry.expires())) {
            return Optional.empty();
        }
        return Optional.of(entry.slots());
    }

    @Override
    public void put(DoctorId doctor, LocalDate day, AppointmentType type, List<TimeSlot> freeSlots) {
        var now = clock.instant();
        var days = entries.computeIfAbsent(doctor, d -> new ConcurrentHashMap<>());
        days.computeIfAbsent(day, d -> new ConcurrentHashMap<>())
                .put(type, new Entry(List.copyOf(freeSlots), now.plus(timeToLive)));
        // Days that have passed everywhere are never asked for again: drop them, so the map stays bounded.
        var longGone = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(2);
        days.keySet().removeIf(d -> d.isBefore(longGone));
    }

    @Override
    public void invalidate(DoctorId doctor, LocalDate day) {
        var days = entries.get(doctor);
        if (days != null) {
            days.remove(day);
        }
    }

    @Override
    public void invalidateDoctor(DoctorId doctor) {
        entries.remove(doctor);
    }
}
