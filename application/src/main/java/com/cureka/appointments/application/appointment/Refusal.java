package com.cureka.appointments.application.appointment;

import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.kernel.TimeSlot;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A booking or a move refused: why, and the other free starts offered when the reason {@link
 * Rejection#offersAlternatives() offers them}, with the doctor's zone to show them in. A refusal that offers no
 * starts may know no doctor (the appointment or doctor was not found), so it has no zone.
 */
public record Refusal(Rejection reason, List<TimeSlot> alternatives, Optional<ZoneId> doctorZone) {
    public Refusal {
        Objects.requireNonNull(reason, "reason");
        alternatives = List.copyOf(alternatives);
        Objects.requireNonNull(doctorZone, "doctor zone");
        if (!alternatives.isEmpty() && doctorZone.isEmpty()) {
            throw new IllegalArgumentException("alternatives are shown in the doctor's zone, so they need one");
        }
        if (!alternatives.isEmpty() && !reason.offersAlternatives()) {
            throw new IllegalArgumentException(reason + " offers no alternatives");
        }
    }

    /** Refused without other starts. */
    public static Refusal plain(Rejection reason) {
        return new Refusal(reason, List.of(), Optional.empty());
    }

    /** Refused with these other starts (perhaps none free), shown in the doctor's zone. */
    public static Refusal offering(Rejection reason, List<TimeSlot> alternatives, ZoneId doctorZone) {
        return new Refusal(reason, alternatives, Optional.of(doctorZone));
    }
}
