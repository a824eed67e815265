package com.cureka.appointments.application.memory;

import com.cureka.appointments.application.port.appointment.AppointmentQuery;
import com.cureka.appointments.application.port.outbox.AppointmentEvents;
import com.cureka.appointments.application.port.reminder.Reminders;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@link Reminders} over {@link InMemoryAppointments} and its outbox, for a single instance. */
public final class InMemoryReminders implements Reminders {
    private final InMemoryAppointments appointments;
    private final Set<Claim> claimed = new HashSet<>();

    private record Claim(AppointmentNumber number, Duration offset) {}

    public InMemoryReminders(InMemoryAppointments appointments) {
        this.appointments = appointments;
    }

    @Override
    public synchronized List<Appointment> due(Duration offset, Instant now, int limit) {
        return appointments
                .page(new AppointmentQuery(
                        null,
                        null,
                        AppointmentStatus.SCHEDULED,
                        now,
                        now.plus(offset),
                        AppointmentQuery.MAX_LIMIT,
                        null))
                .stream()
                .filter(a -> !a.createdAt().isAfter(a.slot().start().minus(offset)))
                .filter(a -> !claimed.contains(new Claim(a.number(), offset)))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized boolean claim(Appointment appointment, Duration offset, Instant at) {
        var stored = appointments.byNumber(appointment.number()).orElse(null);
        if (stored == null
                || stored.status() != AppointmentStatus.SCHEDULED
                || !stored.slot().equals(appointment.slot())
                || !claimed.add(new Claim(appointment.number(), offset))) {
            return false;
        }
        long version = appointments.history(stored.number()).size() - 1L;
        appointments.outbox().add(AppointmentEvents.reminder(stored, offset.toString(), version, at));
        return true;
    }
}
