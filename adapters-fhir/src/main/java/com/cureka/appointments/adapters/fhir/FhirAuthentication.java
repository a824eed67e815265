package com.cureka.appointments.adapters.fhir;

import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.auth.TokenVerifier;
import com.cureka.appointments.adapters.http.error.ApiError;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import io.javalin.http.Context;

import java.util.Locale;

/** The bearer token of {@code /api/v1} (same verifier, same roles); a missing or bad one is {@code 401}. */
final class FhirAuthentication {
    private final TokenVerifier tokens;

    FhirAuthentication(TokenVerifier tokens) {
        this.tokens = tokens;
    }

    Caller authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        String bearer = "bearer ";
        if (header == null
                || header.length() <= bearer.length()
                || !header.substring(0, bearer.length())
                        .toLowerCase(Locale.ROOT)
                        .equals(bearer)) {
            throw unauthorized("A bearer token is required");
        }
        return tokens.verify(header.substring(bearer.length()).strip())
                .orElseThrow(() -> unauthorized("The bearer token is invalid or expired"));
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(ApiError.of(ErrorCode.UNAUTHORIZED, message).withHeader("WWW-Authenticate", "Bearer"));
    }
}
