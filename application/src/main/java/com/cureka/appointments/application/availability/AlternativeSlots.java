package com.cureka.appointments.application.availability;

import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.domain.booking.BookingPolicy;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.PatientId;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * Finds up to five other starts for a refused booking: really free, bookable now by this patient (no clash
 * with their own appointments), of the same type, nearest to the requested time first.
 */
public final class AlternativeSlots {
    public static final int MAX_ALTERNATIVES = 5;
    private static final int DAYS_BEFORE = 1;
    private static final int DAYS_AFTER = 7;

    private final SlotFinder finder;
    private final Appointments appointments;
    private final BookingPolicy policy;

    public AlternativeSlots(SlotFinder finder, Appointments appointments, BookingPolicy policy) {
        this.finder = finder;
        this.appointments = appointments;
        this.policy = policy;
    }

    public List<TimeSlot> near(Doctor doctor, AppointmentType type, Instant requested, PatientId patient, Instant now) {
        var zone = doctor.schedule().zone();
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate lastBookable = LocalDate.ofInstant(now.plus(policy.rules().bookingWindow()), zone);
        LocalDate day = LocalDate.ofInstant(requested, zone);
        LocalDate first = max(day.minusDays(DAYS_BEFORE), today);
        LocalDate last = min(day.plusDays(DAYS_AFTER), lastBookable);
        if (first.isAfter(last)) {
            first = today;
            last = min(today.plusDays(DAYS_AFTER), lastBookable);
        }
        var free = finder.freeSlots(doctor, type, first, last, now).orElse(List.of());
        if (free.isEmpty()) {
            return List.of();
        }
        var window = new TimeSlot(free.getFirst().start(), free.getLast().end());
        var own = appointments.holdingSlotsOfPatient(patient, window);
        return free.stream()
                .filter(slot -> !slot.start().equals(requested))
                .filter(slot -> own.stream().noneMatch(a -> a.slot().overlaps(slot)))
                .sorted(Comparator.comparing((TimeSlot s) ->
                                Duration.between(requested, s.start()).abs())
                        .thenComparing(TimeSlot::start))
                .limit(MAX_ALTERNATIVES)
                .toList();
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
