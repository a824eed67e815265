package com.cureka.appointments.domain.booking;

import java.time.Duration;

/**
 * Why a booking, cancellation or move was refused. A value, not an exception: the HTTP adapter maps each
 * kind to its documented code with an exhaustive switch.
 */
public sealed interface Rejection {
    String message();

    /**
     * Whether other free starts are offered with this refusal: only when the time itself was the problem, so that
     * another time with the same doctor could succeed. A switch, not a default, so a new kind must decide.
     */
    default boolean offersAlternatives() {
        return switch (this) {
            case SlotUnavailable taken -> true;
            case OutsideBusinessHours closed -> true;
            case PastDateTime r -> false;
            case TooSoon r -> false;
            case TooFarAhead r -> false;
            case PatientConflict r -> false;
            case AppointmentLimitReached r -> false;
            case DoctorNotFound r -> false;
            case AppointmentNotFound r -> false;
            case InvalidState r -> false;
            case RateLimited r -> false;
            case CalendarUnavailable r -> false;
        };
    }

    /** The requested time has already passed. */
    record PastDateTime() implements Rejection {
        public String message() {
            return "The appointment time is in the past";
        }
    }

    /** Closer to now than the minimum advance booking time. */
    record TooSoon(Duration minimumAdvance) implements Rejection {
        public String message() {
            return "Appointments must be booked at least " + minimumAdvance.toHours() + " hour(s) ahead";
        }
    }

    /** Further ahead than the booking window. */
    record TooFarAhead(Duration window) implements Rejection {
        public String message() {
            return "Appointments can be booked at most " + window.toDays() + " days ahead";
        }
    }

    /** Not wholly inside the doctor's working hours, in the doctor's time zone. */
    record OutsideBusinessHours() implements Rejection {
        public String message() {
            return "The appointment is outside the doctor's working hours";
        }
    }

    /** Taken by another appointment, off the doctor's slot grid, in time off, or busy in the external calendar. */
    record SlotUnavailable(Cause cause) implements Rejection {
        public enum Cause {
            TAKEN,
            OFF_GRID,
            TIME_OFF,
            CALENDAR_BUSY
        }

        public String message() {
            return "Selected time slot is not available";
        }
    }

    /** The patient already has an appointment overlapping that time. */
    record PatientConflict() implements Rejection {
        public String message() {
            return "You already have an appointment at that time";
        }
    }

    /** The patient already holds the maximum number of upcoming appointments. */
    record AppointmentLimitReached(int limit) implements Rejection {
        public String message() {
            return "You already have " + limit + " upcoming appointments, the most allowed";
        }
    }

    record DoctorNotFound() implements Rejection {
        public String message() {
            return "Doctor not found";
        }
    }

    record AppointmentNotFound() implements Rejection {
        public String message() {
            return "Appointment not found";
        }
    }

    /** The appointment's status does not allow the change (cancelling twice, moving a past one). */
    record InvalidState(String reason) implements Rejection {
        public String message() {
            return reason;
        }
    }

    /** Too many booking attempts by one patient in a short time. */
    record RateLimited(Duration retryAfter) implements Rejection {
        public String message() {
            return "Too many booking attempts, please retry later";
        }
    }

    /** The external calendar failed, timed out or is switched off by its circuit breaker; nothing was half-made. */
    record CalendarUnavailable(Duration retryAfter) implements Rejection {
        public String message() {
            return "The calendar service is unavailable, please retry later";
        }
    }
}
