package com.cureka.appointments.application.memory;

import com.cureka.appointments.application.port.appointment.AppointmentQuery;
import com.cureka.appointments.application.port.reminder.Reminders;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Reminders} over {@link InMemoryAppointments}, for a single instance. */
public final class InMemoryReminders implements Reminders {
    private final InMemoryAppointments appointments;
    private final Set<AppointmentNumber> claimed = ConcurrentHashMap.newKeySet();

    public InMemoryReminders(InMemoryAppointments appointments) {
        this.appointments = appointments;
    }

    @Override
    public List<Appointment> due(Instant from, Instant to, int limit) {
        return appointments
                .page(new AppointmentQuery(
                        null,
                        null,
                        AppointmentStatus.SCHEDULED,
                        from,
                        to,
                        Math.min(AppointmentQuery.MAX_LIMIT, limit),
                        null))
                .stream()
                .filter(a -> !claimed.contains(a.number()))
                .toList();
    }

    @Override
    public boolean claim(AppointmentNumber number, Instant at) {
        return claimed.add(number);
    }

    @Override
    public void unclaim(AppointmentNumber number) {
        claimed.remove(number);
    }
}
