package com.cureka.appointments.adapters.http.request;

import com.cureka.appointments.adapters.http.error.ApiError;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.adapters.http.error.FieldError;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what is wrong with a request, so the client hears about every field at once. A field keeps only
 * its first error: once {@code doctor_id} is the wrong type, "required" would only add noise.
 */
public final class FieldErrors {
    private final List<FieldError> errors = new ArrayList<>();

    public void add(String field, FieldCode code, String message) {
        if (!has(field)) {
            errors.add(new FieldError(field, code, message));
        }
    }

    /** Whether the field, or anything inside it, already has an error. */
    public boolean has(String field) {
        return errors.stream()
                .anyMatch(e -> e.field().equals(field)
                        || e.field().startsWith(field + ".")
                        || e.field().startsWith(field + "["));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    /** Ends the request with {@code 400 VALIDATION_ERROR} when anything was found. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ApiException(ApiError.validation(errors));
        }
    }
}
