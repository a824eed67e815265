package com.cureka.appointments.adapters.fhir;

import com.cureka.appointments.adapters.http.error.ApiError;
import com.cureka.appointments.adapters.http.error.FieldError;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A refusal of {@code /api/v1} ({@link ApiError}: status, code, details) as a FHIR {@code OperationOutcome}: the same
 * status, one issue whose {@code code} is FHIR's name for that status and whose {@code details.coding[0].code} is
 * our code. The alternatives of a refused slot and the field errors go into {@code diagnostics}.
 */
final class FhirOutcomes {
    /** The system of our error codes in {@code issue.details.coding}. */
    static final String ERROR_CODE_SYSTEM = "urn:cureka:error-code";

    private FhirOutcomes() {}

    /** FHIR's issue type (value set {@code issue-type}) for an HTTP status, as API.md "FHIR R4" lists them. */
    static String issueType(int status) {
        return switch (status) {
            case 401 -> "login";
            case 403 -> "forbidden";
            case 404, 410 -> "not-found";
            case 405, 406, 415 -> "not-supported";
            case 409 -> "conflict";
            case 413, 414, 431 -> "too-costly";
            case 422 -> "duplicate";
            case 429 -> "throttled";
            case 503 -> "transient";
            default -> status >= 500 ? "exception" : "invalid";
        };
    }

    static ObjectNode of(ObjectMapper mapper, ApiError error) {
        var outcome = mapper.createObjectNode();
        outcome.put("resourceType", "OperationOutcome");
        var issue = outcome.putArray("issue").addObject();
        issue.put("severity", "error");
        issue.put("code", issueType(error.status()));
        var details = issue.putObject("details");
        details.putArray("coding")
                .addObject()
                .put("system", ERROR_CODE_SYSTEM)
                .put("code", error.code().name());
        details.put("text", error.message());
        String diagnostics = diagnostics(error);
        if (diagnostics != null) {
            issue.put("diagnostics", diagnostics);
        }
        return outcome;
    }

    /**
     * {@code alternative_slots: 2025-09-23T15:00:00+05:30, …} for a refused slot; {@code field: CODE message; …} for a
     * validation error; other details as {@code name: value}.
     */
    private static String diagnostics(ApiError error) {
        if (error.details().isEmpty()) {
            return null;
        }
        return error.details().entrySet().stream()
                .map(e -> e.getKey() + ": " + render(e.getValue()))
                .collect(Collectors.joining("; "));
    }

    private static String render(Object value) {
        if (value instanceof List<?> list) {
            return list.stream()
                    .map(item -> item instanceof FieldError f
                            ? f.field() + " " + f.code() + " (" + f.message() + ")"
                            : String.valueOf(item))
                    .collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }
}
