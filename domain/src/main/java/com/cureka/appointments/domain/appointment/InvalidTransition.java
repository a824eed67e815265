package com.cureka.appointments.domain.appointment;

/** A status change the appointment's life cycle does not allow; callers check {@code can…} first. */
public final class InvalidTransition extends RuntimeException {
    public InvalidTransition(String message) {
        super(message);
    }
}
