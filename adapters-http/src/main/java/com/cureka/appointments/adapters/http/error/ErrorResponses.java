package com.cureka.appointments.adapters.http.error;

import com.cureka.appointments.adapters.http.json.Envelope;
import com.cureka.appointments.adapters.http.trace.RequestIds;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.JavalinDefaultRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure inside Javalin into the failure envelope; nothing else ever reaches the client. */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    /** Request attribute holding the {@code code} of the failure sent (a String), for metrics and logs. */
    public static final String CODE_ATTRIBUTE = "error-code";

    private ErrorResponses() {}

    public static void addTo(JavalinDefaultRouting routes) {
        routes.exception(ApiException.class, (e, ctx) -> write(ctx, e.error()));
        // Javalin's own answers: no route (404), wrong method (405), a body over the limit (413), …
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromFramework(e)));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected failure of {} {} (request {})", ctx.method(), ctx.path(), RequestIds.of(ctx), e);
            write(
                    ctx,
                    ApiError.of(
                            ErrorCode.INTERNAL_ERROR,
                            "Something went wrong; please quote the request id if you report it"));
        });
    }

    public static void write(Context ctx, ApiError error) {
        error.headers().forEach(ctx::header);
        ctx.header(RequestIds.HEADER, RequestIds.of(ctx));
        ctx.attribute(CODE_ATTRIBUTE, error.code().name());
        ctx.status(error.status()).json(Envelope.failure(error.code().name(), error.message(), error.details()));
    }

    private static ApiError fromFramework(HttpResponseException e) {
        var code = ErrorCode.forStatus(e.getStatus());
        var error = new ApiError(e.getStatus(), code, messageFor(code), null, null);
        if (e.getStatus() == 405 && e.getDetails().containsKey("availableMethods")) {
            error = error.withHeader("Allow", e.getDetails().get("availableMethods"));
        }
        return error;
    }

    static String messageFor(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> "No such resource";
            case METHOD_NOT_ALLOWED -> "This method is not allowed on this resource";
            case PAYLOAD_TOO_LARGE -> "The request body is larger than 64 KiB";
            case URI_TOO_LONG -> "The request URI is too long";
            case HEADERS_TOO_LARGE -> "The request headers are too large";
            case UNSUPPORTED_MEDIA_TYPE -> "The request body must be application/json";
            case UNAUTHORIZED -> "Authentication required";
            case FORBIDDEN -> "Not allowed";
            case INTERNAL_ERROR -> "Something went wrong; please quote the request id if you report it";
            case SERVICE_UNAVAILABLE -> "The service is unavailable for a moment; please retry";
            case HTTP_VERSION_NOT_SUPPORTED -> "Only HTTP/1.0, HTTP/1.1 and HTTP/2 are spoken here";
            default -> "The request could not be understood";
        };
    }
}
