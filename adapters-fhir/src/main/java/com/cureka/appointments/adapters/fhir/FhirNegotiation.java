package com.cureka.appointments.adapters.fhir;

import com.cureka.appointments.adapters.http.error.ApiError;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import io.javalin.http.Context;

import java.util.Locale;

/**
 * JSON only: {@code _format} (json, application/json, application/fhir+json) wins over {@code Accept}; XML or
 * anything else that cannot be JSON is {@code 406}. A body must be JSON ({@code 415} otherwise).
 */
final class FhirNegotiation {
    private FhirNegotiation() {}

    static void negotiate(Context ctx) {
        String format = ctx.queryParam("_format");
        if (format != null) {
            if (!acceptsJson(format, false)) {
                throw notAcceptable();
            }
        } else {
            String accept = ctx.header("Accept");
            if (accept != null && !accept.isBlank() && !acceptsJson(accept, true)) {
                throw notAcceptable();
            }
        }
        String contentType = ctx.header("Content-Type");
        if (ctx.method().name().equals("POST")
                && contentType != null
                && !ctx.body().isEmpty()
                && !mediaType(contentType).endsWith("json")) {
            throw new ApiException(new ApiError(
                    415,
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The request body must be application/fhir+json",
                    null,
                    null));
        }
    }

    /** {@code _format} names a type; only {@code Accept} may use wildcards. */
    private static boolean acceptsJson(String header, boolean wildcards) {
        for (var range : header.split(",")) {
            String type = mediaType(range);
            if (type.equals("json")
                    || type.equals("application/json")
                    || type.equals("application/fhir+json")
                    || type.equals("application/json+fhir")
                    || (wildcards && (type.equals("*/*") || type.equals("application/*")))) {
                return true;
            }
        }
        return false;
    }

    private static String mediaType(String value) {
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static ApiException notAcceptable() {
        return new ApiException(
                new ApiError(406, ErrorCode.BAD_REQUEST, "This server speaks FHIR JSON only", null, null));
    }
}
