package com.cureka.appointments.application.memory;

import com.cureka.appointments.application.port.appointment.AppointmentNumbers;
import com.cureka.appointments.domain.appointment.AppointmentNumber;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link AppointmentNumbers} for one process: a counter per day. */
public final class InMemoryAppointmentNumbers implements AppointmentNumbers {
    private final String prefix;
    private final Map<LocalDate, AtomicLong> counters = new ConcurrentHashMap<>();

    public InMemoryAppointmentNumbers(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public AppointmentNumber next(LocalDate day) {
        return new AppointmentNumber(
                prefix,
                day,
                counters.computeIfAbsent(day, d -> new AtomicLong()).incrementAndGet());
    }
}
