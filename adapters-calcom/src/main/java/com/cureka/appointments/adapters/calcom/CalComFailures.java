package com.cureka.appointments.adapters.calcom;

import com.cureka.appointments.adapters.calcom.CalComClient.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads what went wrong in a Cal.com call: a slot Cal.com refuses, or Cal.com being unavailable (and whether
 * a create may have been carried out all the same). Credentials refused are logged loudly: only a person can fix them.
 */
final class CalComFailures {
    private static final Logger log = LoggerFactory.getLogger(CalComFailures.class);
    private static final Duration TRANSIENT_RETRY = Duration.ofSeconds(10);
    private static final Duration CREDENTIALS_RETRY = Duration.ofMinutes(1);
    /** Cal.com blocks a throttled key for 60 s (RATE_LIMIT_DEFAULT_BLOCK_DURATION_MS). */
    private static final Duration RATE_LIMIT_BLOCK = Duration.ofSeconds(60);

    /** Cal.com's words for "this time cannot be booked" (v2 errors.service and core booking errors). */
    private static final String[] SLOT_REFUSALS = {
        "already has booking at this time", "is not available", "can't be booked at the \"start\" time",
        "no_available_users_found_error", "booking_conflict_error", "slot conflict"
    };

    /** Why a call failed: {@code outcomeUnknown} when a write may have been carried out all the same. */
    record Failure(Duration retryAfter, boolean outcomeUnknown, String reason) {}

    private final Clock clock;

    CalComFailures(Clock clock) {
        this.clock = clock;
    }

    /** A 400 or 409 that says the time is taken or the host is not available then. */
    boolean isSlotRefusal(Outcome.Answered answer) {
        if (answer.status() == 409) {
            return true;
        }
        if (answer.status() != 400) {
            return false;
        }
        String message = messageOf(answer).toLowerCase(Locale.ROOT);
        for (String refusal : SLOT_REFUSALS) {
            if (message.contains(refusal.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** Any outcome that is not a success the caller handles itself. {@code write} when the call may change Cal.com. */
    Failure failure(Outcome outcome, String action, boolean write) {
        return switch (outcome) {
            case Outcome.CircuitOpen open ->
                new Failure(open.retryAfter(), false, "Cal.com circuit breaker is open after repeated failures");
            case Outcome.NoAnswer none -> {
                log.warn(
                        "Cal.com did not answer {} ({}){}",
                        action,
                        none.reason(),
                        write && none.sent() ? "; it may have been carried out, a reconcile run will settle it" : "");
                yield new Failure(TRANSIENT_RETRY, write && none.sent(), "Cal.com did not answer: " + none.reason());
            }
            case Outcome.Answered answer -> failure(answer, action, write);
        };
    }

    private Failure failure(Outcome.Answered answer, String action, boolean write) {
        int status = answer.status();
        String message = messageOf(answer);
        if (status == 401 || status == 403) {
            log.error(
                    "CONFIGURATION ERROR: Cal.com refused our credentials (HTTP {}) to {}: \"{}\". "
                            + "Check CAL_COM_API_KEY (a v2 API key, cal_… or cal_live_…) and that it may see the doctors' bookings.",
                    status,
                    action,
                    message);
            return new Failure(CREDENTIALS_RETRY, false, "Cal.com refused our credentials (HTTP " + status + ")");
        }
        if (status == 429) {
            Duration wait = rateLimitWait(answer);
            log.warn(
                    "Cal.com rate-limited us to {}: retry in {} s (limit {})",
                    action,
                    wait.toSeconds(),
                    answer.headers().get("X-RateLimit-Limit-Default"));
            return new Failure(wait, false, "Cal.com rate limit reached");
        }
        if (status >= 500) {
            log.warn("Cal.com failed to {} (HTTP {}): {}", action, status, message);
            // A gateway timeout means the request reached Cal.com and may have been carried out.
            return new Failure(TRANSIENT_RETRY, write && status == 504, "Cal.com failed (HTTP " + status + ")");
        }
        log.error("Cal.com refused to {} (HTTP {}): {}", action, status, message);
        return new Failure(TRANSIENT_RETRY, false, "Cal.com refused the request (HTTP " + status + "): " + message);
    }

    /**
     * {@code X-RateLimit-Reset-Default}: its unit is not documented (seconds left, or an epoch in seconds or
     * milliseconds); read it by size, and never wait less than a second or more than the 60 s block.
     */
    private Duration rateLimitWait(Outcome.Answered answer) {
        String reset = answer.headers().get("X-RateLimit-Reset-Default");
        long value;
        try {
            value = reset == null ? -1 : Long.parseLong(reset.strip());
        } catch (NumberFormatException e) {
            value = -1;
        }
        long nowMillis = clock.millis();
        Duration wait = value < 0
                ? RATE_LIMIT_BLOCK
                : value > 1_000_000_000_000L
                        ? Duration.ofMillis(value - nowMillis)
                        : value > 1_000_000_000L
                                ? Duration.ofMillis(value * 1000 - nowMillis)
                                : Duration.ofSeconds(value);
        if (wait.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return wait.compareTo(RATE_LIMIT_BLOCK) > 0 ? RATE_LIMIT_BLOCK : wait;
    }

    /** The error envelope's message, or the raw body when it is not one. */
    static String messageOf(Outcome.Answered answer) {
        try {
            var envelope = CalComJson.MAPPER.readValue(answer.body(), CalComJson.ErrorEnvelope.class);
            if (envelope.error() != null && envelope.error().message() != null) {
                return envelope.error().message();
            }
        } catch (Exception e) {
            // not JSON: fall through to the raw text
        }
        String body = answer.body() == null ? "" : answer.body();
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
