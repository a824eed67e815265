package com.cureka.appointments.adapters.http.ops;

import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * {@code GET /docs}: Swagger UI for {@code /openapi.json}, served from the swagger-ui webjar on the class path,
 * so it works without internet access. Our own page and initializer replace the webjar's, whose initializer
 * points at the Petstore example.
 */
final class SwaggerUi {
    static final String PAGE = "/docs";
    /** The webjar files the page uses, with their types: nothing else of the jar (or the class path) is served. */
    private static final Map<String, String> WEBJAR_FILES = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "index.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "favicon-16x16.png", "image/png",
            "favicon-32x32.png", "image/png");

    private static final String INITIALIZER = "swagger-initializer.js";

    private final String webjarDirectory = "/META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
    private final byte[] page = OperationsRoutes.resource("docs.html");
    private final byte[] initializer = OperationsRoutes.resource(INITIALIZER);

    void addTo(JavalinDefaultRouting routes) {
        routes.get(PAGE, ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
        routes.get(PAGE + "/{asset}", this::asset);
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("asset");
        if (name.equals(INITIALIZER)) {
            ctx.contentType("text/javascript; charset=utf-8").result(initializer);
            return;
        }
        String type = WEBJAR_FILES.get(name);
        var file = type == null ? null : SwaggerUi.class.getResourceAsStream(webjarDirectory + name);
        if (file == null) {
            throw ApiException.of(ErrorCode.NOT_FOUND, "No such resource");
        }
        // The files change only with the webjar's version, so a browser may keep them for a while.
        ctx.header("Cache-Control", "public, max-age=3600").contentType(type).result(file);
    }

    private static String webjarVersion() {
        try (var in = SwaggerUi.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the org.webjars:swagger-ui jar is not on the class path");
            }
            var properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
