package com.cureka.appointments.application.doctor;

import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps doctors read by id for a short time, because every booking and listing reads one (profiling showed the
 * lookup was the largest single cost of a cached listing). Changes made through this instance are seen at once;
 * changes made through another instance within {@code timeToLive}. Deactivation needs no freshness here: the
 * database refuses a hold for an inactive doctor (see {@code Appointments.hold}).
 */
public final class CachingDoctors implements Doctors {
    private record Entry(Optional<Doctor> doctor, Instant expires) {}

    private final Doctors source;
    private final Duration timeToLive;
    private final Clock clock;
    private final Map<DoctorId, Entry> entries = new ConcurrentHashMap<>();

    public CachingDoctors(Doctors source, Duration timeToLive, Clock clock) {
        this.source = source;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    @Override
    public Optional<Doctor> byId(DoctorId id) {
        var now = clock.instant();
        var entry = entries.get(id);
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.doctor();
        }
        var doctor = source.byId(id);
        // Unknown ids are not kept: a flood of random ids must not fill the map.
        if (doctor.isPresent()) {
            entries.put(id, new Entry(doctor, now.plus(timeToLive)));
        } else {
            entries.remove(id);
        }
        return doctor;
    }

    @Override
    public boolean add(Doctor doctor) {
        entries.remove(doctor.id());
        return source.add(doctor);
    }

    @Override
    public List<Doctor> active(String specialtyOrNull) {
        return source.active(specialtyOrNull);
    }

    @Override
    public boolean update(Doctor doctor) {
        entries.remove(doctor.id());
        boolean updated = source.update(doctor);
        entries.remove(doctor.id());
        return updated;
    }
}
