package com.cureka.appointments.adapters.calcom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Cal.com API v2 and how patiently. Built by the composition root from its settings (bootstrap
 * {@code Settings.CalCom}); this class reads no environment. {@code timeout} bounds a whole call, retries of reads
 * included ({@code CALENDAR_TIMEOUT_SECONDS}); creates are never retried (Cal.com has no idempotency key).
 *
 * @param apiKey              the {@code cal_…} / {@code cal_live_…} key, sent as {@code Authorization: Bearer}
 * @param baseUrl             the v2 root, e.g. {@code https://api.cal.com/v2}; a v1 URL is rewritten to v2 with a warning
 * @param timeout             overall bound of one gateway call (connect, send, wait, read, and read retries)
 * @param connectTimeout      bound of opening a connection (at most {@code timeout})
 * @param readAttempts        tries of a read (slots, booking look-ups) when Cal.com fails or does not answer
 * @param readBackoff         pause before the second try of a read; doubled before each further one
 * @param breakerWindow       calls the circuit breaker looks back over
 * @param breakerMinimumCalls calls it needs before it may open (it opens at half of them failing)
 * @param breakerOpenFor      how long it answers "unavailable" at once before trying Cal.com again
 * @param eventLinkBase       prefix of the booking page link stored as {@code cal_event_link} (booking uid appended); null for none
 * @param attendeeEmailDomain domain of the placeholder attendee e-mail for patients without one (Cal.com needs a contact)
 */
public record CalComSettings(
        String apiKey,
        String baseUrl,
        Duration timeout,
        Duration connectTimeout,
        int readAttempts,
        Duration readBackoff,
        int breakerWindow,
        int breakerMinimumCalls,
        Duration breakerOpenFor,
        String eventLinkBase,
        String attendeeEmailDomain) {
    private static final Logger log = LoggerFactory.getLogger(CalComSettings.class);

    public static final String DEFAULT_BASE_URL = "https://api.cal.com/v2";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_EVENT_LINK_BASE = "https://app.cal.com/booking/";
    public static final String DEFAULT_ATTENDEE_EMAIL_DOMAIN = "patients.invalid";

    public CalComSettings {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("CAL_COM_API_KEY is empty");
        }
        baseUrl = v2BaseUrl(baseUrl);
        Objects.requireNonNull(timeout, "timeout");
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("the calendar timeout must be positive");
        }
        connectTimeout = connectTimeout == null || connectTimeout.compareTo(timeout) > 0 ? timeout : connectTimeout;
        if (readAttempts < 1 || readAttempts > 5) {
            throw new IllegalArgumentException("reads are tried 1 to 5 times");
        }
        readBackoff = readBackoff == null ? Duration.ofMillis(200) : readBackoff;
        if (breakerWindow < 1 || breakerMinimumCalls < 1 || breakerMinimumCalls > breakerWindow) {
            throw new IllegalArgumentException("the circuit breaker needs 1 <= minimum calls <= window");
        }
        Objects.requireNonNull(breakerOpenFor, "breakerOpenFor");
        eventLinkBase = eventLinkBase == null || eventLinkBase.isBlank() ? null : eventLinkBase;
        attendeeEmailDomain = attendeeEmailDomain == null || attendeeEmailDomain.isBlank()
                ? DEFAULT_ATTENDEE_EMAIL_DOMAIN
                : attendeeEmailDomain;
    }

    /** The production defaults: 3 tries of a read from 200 ms, a breaker over 10 calls that opens for 30 s. */
    public static CalComSettings of(String apiKey, String baseUrl, Duration timeout) {
        return new CalComSettings(
                apiKey,
                baseUrl,
                timeout,
                Duration.ofSeconds(5),
                3,
                Duration.ofMillis(200),
                10,
                5,
                Duration.ofSeconds(30),
                DEFAULT_EVENT_LINK_BASE,
                DEFAULT_ATTENDEE_EMAIL_DOMAIN);
    }

    public CalComSettings withReadRetries(int attempts, Duration backoff) {
        return new CalComSettings(
                apiKey,
                baseUrl,
                timeout,
                connectTimeout,
                attempts,
                backoff,
                breakerWindow,
                breakerMinimumCalls,
                breakerOpenFor,
                eventLinkBase,
                attendeeEmailDomain);
    }

    public CalComSettings withCircuitBreaker(int window, int minimumCalls, Duration openFor) {
        return new CalComSettings(
                apiKey,
                baseUrl,
                timeout,
                connectTimeout,
                readAttempts,
                readBackoff,
                window,
                minimumCalls,
                openFor,
                eventLinkBase,
                attendeeEmailDomain);
    }

    public CalComSettings withEventLinkBase(String base) {
        return new CalComSettings(
                apiKey,
                baseUrl,
                timeout,
                connectTimeout,
                readAttempts,
                readBackoff,
                breakerWindow,
                breakerMinimumCalls,
                breakerOpenFor,
                base,
                attendeeEmailDomain);
    }

    public CalComSettings withConnectTimeout(Duration connect) {
        return new CalComSettings(
                apiKey,
                baseUrl,
                timeout,
                connect,
                readAttempts,
                readBackoff,
                breakerWindow,
                breakerMinimumCalls,
                breakerOpenFor,
                eventLinkBase,
                attendeeEmailDomain);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "CalComSettings[baseUrl=" + baseUrl + ", apiKey=" + apiKey.substring(0, Math.min(4, apiKey.length()))
                + "…, timeout=" + timeout + ", readAttempts=" + readAttempts + ", breakerOpenFor=" + breakerOpenFor
                + "]";
    }

    /**
     * The v2 root for what was configured. API v1 was shut down (it answers 410), but the story's example
     * points at it: we accept it, warn, and talk v2.
     */
    static String v2BaseUrl(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT_BASE_URL;
        }
        String url = configured.strip().replaceAll("/+$", "");
        var uri = URI.create(url);
        if (uri.getScheme() == null
                || uri.getHost() == null
                || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
            throw new IllegalArgumentException("CAL_COM_BASE_URL is not an http(s) URL: " + configured);
        }
        if (url.endsWith("/v2")) {
            return url;
        }
        String v2 = url.endsWith("/v1") ? url.substring(0, url.length() - 3) + "/v2" : url + "/v2";
        if (url.endsWith("/v1")) {
            log.warn(
                    "CAL_COM_BASE_URL {} points at Cal.com API v1, which was shut down; using API v2 at {}",
                    configured,
                    v2);
        }
        return v2;
    }
}
