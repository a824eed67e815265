package com.cureka.appointments.adapters.http.json;

import java.util.Map;

/** Every response body: {@code {"success": true, "data": …}} or {@code {"success": false, "code", "message", "details"}}. */
public sealed interface Envelope {
    record Success(boolean success, Object data) implements Envelope {}

    record Failure(boolean success, String code, String message, Map<String, Object> details) implements Envelope {
        public Failure {
            details = details == null ? Map.of() : details;
        }
    }

    static Success ok(Object data) {
        return new Success(true, data);
    }

    static Failure failure(String code, String message, Map<String, Object> details) {
        return new Failure(false, code, message, details);
    }
}
