package com.cureka.appointments.application.port.webhook;

import java.net.URI;
import java.util.Optional;

/**
 * Output port: whether a subscriber URL may be called (the SSRF guard). Asked at creation and at every update; the
 * sender asks again at each delivery, because DNS may change.
 */
@FunctionalInterface
public interface DestinationGuard {
    /** Every URL allowed: embedded mode and {@code WEBHOOK_ALLOW_PRIVATE_URLS=true}. */
    DestinationGuard ALLOW_ALL = url -> Optional.empty();

    /** Why the URL is refused, or empty when it may be called. */
    Optional<String> refusal(URI url);
}
