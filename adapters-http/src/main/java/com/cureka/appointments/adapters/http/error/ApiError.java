package com.cureka.appointments.adapters.http.error;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A failure as the client sees it: status, code, message, details, and any headers it needs (Retry-After). */
public record ApiError(
        int status, ErrorCode code, String message, Map<String, Object> details, Map<String, String> headers) {
    public ApiError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = details == null ? Map.of() : Map.copyOf(details);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(code.status(), code, message, Map.of(), Map.of());
    }

    /** docs/api.md: when exactly one field is wrong, its message is the summary too. */
    public static ApiError validation(List<FieldError> errors) {
        return validation(errors.size() == 1 ? errors.get(0).message() : "The request is not valid", errors);
    }

    public static ApiError validation(String message, List<FieldError> errors) {
        return of(ErrorCode.VALIDATION_ERROR, message).withDetail("errors", List.copyOf(errors));
    }

    /** One field is wrong; its message doubles as the summary. */
    public static ApiError validation(String field, FieldCode code, String message) {
        return validation(message, List.of(new FieldError(field, code, message)));
    }

    public ApiError withDetail(String name, Object value) {
        var more = new LinkedHashMap<>(details);
        more.put(name, value);
        return new ApiError(status, code, message, more, headers);
    }

    public ApiError withHeader(String name, String value) {
        var more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiError(status, code, message, details, more);
    }

    /** {@code Retry-After} in whole seconds, rounded up and at least 1, so a client never retries at once. */
    public ApiError retryAfter(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return withHeader("Retry-After", Long.toString(seconds));
    }
}
