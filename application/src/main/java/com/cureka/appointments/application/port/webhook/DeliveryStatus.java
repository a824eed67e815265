package com.cureka.appointments.application.port.webhook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a delivery stands; the wire names are the lower-case ones. */
public enum DeliveryStatus {
    PENDING,
    SUCCEEDED,
    FAILED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }
}
