package com.cureka.appointments.adapters.http.error;

/** The {@code code} of a failure envelope, each with its HTTP status (API.md, "Error codes"). */
public enum ErrorCode {
    VALIDATION_ERROR(400),
    /** The HTTP request itself is broken (bad URI encoding, bad headers), before any route sees it. */
    BAD_REQUEST(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    DOCTOR_NOT_FOUND(404),
    APPOINTMENT_NOT_FOUND(404),
    /** A manage link's token is malformed or does not verify. */
    LINK_INVALID(404),
    METHOD_NOT_ALLOWED(405),
    SLOT_UNAVAILABLE(409),
    OUTSIDE_BUSINESS_HOURS(409),
    PATIENT_CONFLICT(409),
    APPOINTMENT_LIMIT_REACHED(409),
    INVALID_STATE(409),
    DOCTOR_ALREADY_EXISTS(409),
    /** A request with the same {@code Idempotency-Key} is still being carried out. */
    IDEMPOTENCY_IN_PROGRESS(409),
    /** A manage link's token verifies but is stale: the appointment changed since, or has started. */
    LINK_EXPIRED(410),
    PAYLOAD_TOO_LARGE(413),
    URI_TOO_LONG(414),
    UNSUPPORTED_MEDIA_TYPE(415),
    /** The {@code Idempotency-Key} was used before with a different request. */
    IDEMPOTENCY_KEY_REUSED(422),
    RATE_LIMITED(429),
    HEADERS_TOO_LARGE(431),
    INTERNAL_ERROR(500),
    CAL_COM_ERROR(503),
    /** The database is unreachable or the app is shutting down (API.md); always with {@code Retry-After}. */
    SERVICE_UNAVAILABLE(503),
    /** The client spoke an HTTP version the server does not speak: its mistake, not ours, so not INTERNAL_ERROR. */
    HTTP_VERSION_NOT_SUPPORTED(505);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The code for a status that the server or the framework produced without a route deciding it. */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 431 -> HEADERS_TOO_LARGE;
            case 503 -> SERVICE_UNAVAILABLE;
            case 505 -> HTTP_VERSION_NOT_SUPPORTED;
            default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
        };
    }
}
