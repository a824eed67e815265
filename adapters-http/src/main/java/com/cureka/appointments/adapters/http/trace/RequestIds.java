package com.cureka.appointments.adapters.http.trace;

import io.javalin.http.Context;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every response carries {@code X-Request-Id}: the client's own when it is sane, else a fresh UUID. The id
 * goes into every log line about the request, so a client can quote it when reporting a problem.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "request-id";
    // Visible ASCII only: an id that ends up in logs must not carry line breaks or control characters.
    private static final Pattern SANE = Pattern.compile("[!-~]{1,128}");

    private RequestIds() {}

    /** The client's id when it is 1 to 128 visible ASCII characters, otherwise a new random one. */
    public static String accept(String fromClient) {
        return fromClient != null && SANE.matcher(fromClient).matches()
                ? fromClient
                : UUID.randomUUID().toString();
    }

    /** Before-handler: settles the request's id and sets the response header. */
    public static void assign(Context ctx) {
        ctx.header(HEADER, of(ctx));
    }

    /** The request's id, settled on first use. */
    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        if (id == null) {
            id = accept(ctx.header(HEADER));
            ctx.attribute(ATTRIBUTE, id);
        }
        return id;
    }
}
