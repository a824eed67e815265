package com.cureka.appointments.application.port.availability;

import com.cureka.appointments.domain.patient.PatientId;

import java.time.Duration;
import java.util.Optional;

/**
 * Output port: limits booking attempts per patient across every app instance. Answers empty when the
 * attempt may go on, else how long to wait.
 */
public interface BookingRateLimiter {
    Optional<Duration> tryAcquire(PatientId patient);

    BookingRateLimiter UNLIMITED = patient -> Optional.empty();
}
