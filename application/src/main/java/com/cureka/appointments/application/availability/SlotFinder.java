package com.cureka.appointments.application.availability;

import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.availability.AvailabilityCache;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.calendar.FreeStarts;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.booking.BookingPolicy;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes a doctor's free slots over a few days: the schedule's grid, minus our slot-holding appointments,
 * intersected with the external calendar's free starts, then the time-window rules. Cached per day.
 */
public final class SlotFinder {
    private final Appointments appointments;
    private final CalendarGateway calendar;
    private final AvailabilityCache cache;
    private final BookingPolicy policy;

    public SlotFinder(
            Appointments appointments, CalendarGateway calendar, AvailabilityCache cache, BookingPolicy policy) {
        this.appointments = appointments;
        this.calendar = calendar;
        this.cache = cache;
        this.policy = policy;
    }

    /** Free slots from firstDay to lastDay inclusive (doctor's zone); empty when the calendar could not be asked. */
    public Optional<List<TimeSlot>> freeSlots(
            Doctor doctor, AppointmentType type, LocalDate firstDay, LocalDate lastDay, Instant now) {
        var perDay = new LinkedHashMap<LocalDate, List<TimeSlot>>();
        LocalDate missingFrom = null;
        LocalDate missingTo = null;
        for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
            var cached = cache.get(doctor.id(), day, type);
            perDay.put(day, cached.orElse(null));
            if (cached.isEmpty()) {
                missingFrom = missingFrom == null ? day : missingFrom;
                missingTo = day;
            }
        }
        if (missingFrom != null && !compute(doctor, type, missingFrom, missingTo, perDay)) {
            return Optional.empty();
        }
        var free = new ArrayList<TimeSlot>();
        perDay.values()
                .forEach(slots -> slots.stream()
                        .filter(s -> policy.isBookableTiming(s, now))
                        .forEach(free::add));
        return Optional.of(free);
    }

    private boolean compute(
            Doctor doctor, AppointmentType type, LocalDate from, LocalDate to, Map<LocalDate, List<TimeSlot>> perDay) {
        var schedule = doctor.schedule();
        var window = new TimeSlot(schedule.startOf(from), schedule.startOf(to.plusDays(1)));
        List<Appointment> taken = appointments.holdingSlotsOfDoctor(doctor.id(), window);
        FreeStarts external = calendar.freeStarts(doctor, type, from, to);
        if (external instanceof FreeStarts.Unavailable) {
            return false;
        }
        var length = policy.rules().lengthOf(type);
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (perDay.get(day) != null) {
                continue;
            }
            var free = schedule.slotsOn(day, length).stream()
                    .filter(slot -> taken.stream().noneMatch(a -> a.slot().overlaps(slot)))
                    .filter(slot -> !(external instanceof FreeStarts.Known known)
                            || known.starts().contains(slot.start()))
                    .toList();
            perDay.put(day, free);
            cache.put(doctor.id(), day, type, free);
        }
        return true;
    }
}
