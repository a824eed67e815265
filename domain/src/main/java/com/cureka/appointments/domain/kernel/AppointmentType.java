package com.cureka.appointments.domain.kernel;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of appointment a patient can book, with their standard lengths. */
public enum AppointmentType {
    CONSULTATION(30),
    FOLLOWUP(20),
    EMERGENCY(60),
    SURGERY(45);

    private final Duration standardLength;

    AppointmentType(int minutes) {
        this.standardLength = Duration.ofMinutes(minutes);
    }

    public Duration standardLength() {
        return standardLength;
    }

    /** The lower-case code used on the wire: {@code consultation}, {@code followup}, … */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AppointmentType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code().equals(code)).findFirst();
    }
}
