package com.cureka.appointments.adapters.http.pages;

import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.adapters.http.json.Envelope;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.application.access.Role;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The web pages of API.md "Web pages": {@code GET /} (booking), {@code GET /manage/{token}} (the e-mails' manage
 * link) and {@code GET /desk} (front desk), plain HTML, CSS and JavaScript modules served from this jar. The pages
 * call only the public JSON API; nothing here reads a token, a cookie or the database.
 *
 * <p>Every page and file is sent with a strict Content-Security-Policy (scripts, styles, images and requests from
 * this origin only, no inline script or style, no framing), {@code X-Content-Type-Options: nosniff} and
 * {@code Referrer-Policy: no-referrer} (the manage page's URL holds a credential).
 *
 * <p>{@code GET /dev/token?role=PATIENT|DOCTOR|ADMIN} exists only when the composition root hands over a token
 * source (embedded dev mode); otherwise the route is not registered and the API answers its usual 404.
 */
public final class WebPages {
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    public static final String ASSETS = "/pages";
    public static final String DEV_TOKEN = "/dev/token";

    /** The files under {@link #ASSETS}, with their types: nothing else of the class path is served. */
    private static final Map<String, String> FILES = Map.of(
            "pages.css", "text/css; charset=utf-8",
            "api.js", "text/javascript; charset=utf-8",
            "booking.js", "text/javascript; charset=utf-8",
            "manage.js", "text/javascript; charset=utf-8",
            "desk.js", "text/javascript; charset=utf-8",
            "icon.svg", "image/svg+xml");

    private static final String HTML = "text/html; charset=utf-8";

    private final Function<Role, String> devTokens;
    private final byte[] booking = resource("booking.html");
    private final byte[] manage = resource("manage.html");
    private final byte[] desk = resource("desk.html");

    /** @param devTokens signs a demo user's token for a role, or null outside embedded dev mode */
    public WebPages(Function<Role, String> devTokens) {
        this.devTokens = devTokens;
    }

    public void addTo(JavalinDefaultRouting routes) {
        routes.get("/", ctx -> page(ctx, booking));
        routes.get("/desk", ctx -> page(ctx, desk));
        // Any path under /manage is the manage page, which says in words when it holds no usable token: a link cut
        // off before its token ("/manage/") or run into the next word ("/manage/{token}/more") is "This link does
        // not work", never the API's bare 404 envelope.
        routes.get("/manage", ctx -> page(ctx, manage));
        routes.get("/manage/<token>", ctx -> page(ctx, manage));
        routes.get(ASSETS + "/{file}", this::file);
        if (devTokens != null) {
            routes.get(DEV_TOKEN, this::devToken);
        }
    }

    private static void page(Context ctx, byte[] html) {
        secure(ctx).contentType(HTML).result(html);
    }

    private void file(Context ctx) {
        String name = ctx.pathParam("file");
        String type = FILES.get(name);
        if (type == null) {
            throw ApiException.of(ErrorCode.NOT_FOUND, "No such resource");
        }
        secure(ctx).header("Cache-Control", "no-cache").contentType(type).result(resource(name));
    }

    /** A fresh token of a demo user; {@code role} defaults to PATIENT. */
    private void devToken(Context ctx) {
        String text = ctx.queryParam("role");
        Role role = Role.PATIENT;
        if (text != null && !text.isBlank()) {
            try {
                role = Role.valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                var errors = new FieldErrors();
                errors.add("role", FieldCode.INVALID_FORMAT, "must be one of PATIENT, DOCTOR, ADMIN");
                errors.throwIfAny();
            }
        }
        ctx.json(Envelope.ok(new DevToken(devTokens.apply(role), role.name())));
    }

    record DevToken(String token, String role) {}

    private static Context secure(Context ctx) {
        return ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY");
    }

    private static byte[] resource(String name) {
        try (var in = WebPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing page resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
