package com.cureka.appointments.adapters.http.auth;

import com.cureka.appointments.adapters.http.error.ApiError;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.util.Locale;

/**
 * Every {@code /api/v1/**} request must carry a valid bearer token, whether or not its route exists (so
 * unknown paths reveal nothing to strangers), except the manage-link routes under {@code /api/v1/manage/}, whose signed
 * token is their credential. The verified caller is kept on the request for {@link Access}.
 */
public final class Authentication {
    public static final String PROTECTED_PATHS = "/api/v1/*";
    private static final String CALLER = "caller";
    private static final String BEARER = "bearer ";
    /** The manage-link routes: their signed token is the credential, a bearer token is neither needed nor read. */
    private static final String MANAGE_LINKS = "/api/v1/manage/";

    private final TokenVerifier verifier;

    public Authentication(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    public void addTo(JavalinDefaultRouting routes) {
        routes.before(PROTECTED_PATHS, this::authenticate);
    }

    private void authenticate(Context ctx) {
        if (ctx.path().startsWith(MANAGE_LINKS)) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null
                || header.length() <= BEARER.length()
                || !header.substring(0, BEARER.length())
                        .toLowerCase(Locale.ROOT)
                        .equals(BEARER)) {
            throw unauthorized("A bearer token is required");
        }
        var caller = verifier.verify(header.substring(BEARER.length()).strip())
                .orElseThrow(() -> unauthorized("The bearer token is invalid or expired"));
        ctx.attribute(CALLER, caller);
    }

    /** The authenticated caller; a route outside the protected paths that asks for one is refused, not opened. */
    static Caller callerOf(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw unauthorized("A bearer token is required");
        }
        return caller;
    }

    static ApiException unauthorized(String message) {
        return new ApiException(ApiError.of(ErrorCode.UNAUTHORIZED, message).withHeader("WWW-Authenticate", "Bearer"));
    }
}
