package com.cureka.appointments.adapters.http.error;

import com.cureka.appointments.adapters.http.json.Envelope;
import com.cureka.appointments.adapters.http.trace.RequestIds;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.JavalinDefaultRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Predicate;

/** Turns every failure inside Javalin into the failure envelope; nothing else ever reaches the client. */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    /** Request attribute holding the {@code code} of the failure sent (a String), for metrics and logs. */
    public static final String CODE_ATTRIBUTE = "error-code";

    private ErrorResponses() {}

    /** How long a client waits before retrying while the database is unreachable: about one fail-fast window. */
    static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(2);

    /**
     * @param unavailable says which failures mean that a store cannot be reached right now (from the composition
     *     root, which knows the adapters): those are {@code 503 SERVICE_UNAVAILABLE} with {@code Retry-After},
     *     logged at DEBUG only, since the adapter logs each outage once
     */
    public static void addTo(JavalinDefaultRouting routes, Predicate<Throwable> unavailable) {
        routes.exception(ApiException.class, (e, ctx) -> write(ctx, e.error()));
        // Javalin's own answers: no route (404), wrong method (405), a body over the limit (413), …
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromFramework(e)));
        routes.exception(Exception.class, (e, ctx) -> {
            if (unavailable.test(e)) {
                LOG.debug(
                        "{} {} (request {}) met an outage: {}",
                        ctx.method(),
                        ctx.path(),
                        RequestIds.of(ctx),
                        e.toString());
                write(
                        ctx,
                        ApiError.of(ErrorCode.SERVICE_UNAVAILABLE, messageFor(ErrorCode.SERVICE_UNAVAILABLE))
                                .retryAfter(UNAVAILABLE_RETRY_AFTER));
                return;
            }
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
