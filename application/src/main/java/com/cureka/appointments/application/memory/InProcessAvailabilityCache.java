package com.cureka.appointments.application.memory;

import com.cureka.appointments.application.availability.AvailabilityCache;
import com.cureka.appointments.domain.appointment.AppointmentType;
import com.cureka.appointments.domain.appointment.TimeSlot;
import com.cureka.appointments.domain.doctor.DoctorId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link AvailabilityCache} for a single instance: entries live for a fixed time. */
public final class InProcessAvailabilityCache implements AvailabilityCache {
    private record Key(DoctorId doctor, LocalDate day, AppointmentType type) {
    }

    private record Entry(List<TimeSlot> slots, Instant expires) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Duration timeToLive;
    private final Clock clock;

    public InProcessAvailabilityCache(Duration timeToLive, Clock clock) {
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    @Override
    public Optional<List<TimeSlot>> get(DoctorId doctor, LocalDate day, AppointmentType type) {
        var key = new Key(doctor, day, type);
        var entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expires())) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.slots());
    }

    @Override
    public void put(DoctorId doctor, LocalDate day, AppointmentType type, List<TimeSlot> freeSlots) {
        entries.put(new Key(doctor, day, type), new Entry(List.copyOf(freeSlots), clock.instant().plus(timeToLive)));
    }

    @Override
    public void invalidate(DoctorId doctor, LocalDate day) {
        entries.keySet().removeIf(k -> k.doctor().equals(doctor) && k.day().equals(day));
    }

    @Override
    public void invalidateDoctor(DoctorId doctor) {
        entries.keySet().removeIf(k -> k.doctor().equals(doctor));
    }
}
