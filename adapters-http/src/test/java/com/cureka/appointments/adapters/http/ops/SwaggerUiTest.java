package com.cureka.appointments.adapters.http.ops;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SwaggerUiTest {
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    private static OperationsServer server;

    @BeforeAll
    static void open() {
        server = OperationsServer.open();
    }

    @AfterAll
    static void close() {
        server.close();
    }

    @Test
    void docs_is_an_html_page_that_loads_swagger_ui() {
        var page = server.get("/docs");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<div id=\"swagger-ui\">", "/docs/swagger-ui-bundle.js");
    }

    @Test
    void everything_the_page_loads_is_served_from_here_so_it_works_offline() {
        var references = REFERENCE
                .matcher(server.get("/docs").body())
                .results()
                .map(m -> m.group(1))
                .toList();

        assertThat(references).isNotEmpty().allSatisfy(reference -> {
            assertThat(reference).startsWith("/docs/");
            assertThat(server.get(reference).statusCode()).as(reference).isEqualTo(200);
        });
    }

    @Test
    void the_swagger_ui_bundle_is_served_as_javascript() {
        var bundle = server.get("/docs/swagger-ui-bundle.js");

        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        assertThat(bundle.body()).contains("SwaggerUIBundle");
    }

    @Test
    void the_ui_shows_our_document_and_does_not_call_the_online_validator() {
        var initializer = server.get("/docs/swagger-initializer.js").body();

        assertThat(initializer)
                .contains("url: \"/openapi.json\"", "validatorUrl: null")
                .doesNotContain("petstore");
    }

    @Test
    void nothing_else_of_the_webjar_or_the_class_path_is_served() {
        for (String path : new String[] {
            "/docs/index.html",
            "/docs/oauth2-redirect.html",
            "/docs/openapi.json",
            "/docs/pom.properties",
            "/docs/..%2F..%2Fopenapi.json"
        }) {
            var response = server.get(path);
            assertThat(response.statusCode()).as(path).isIn(400, 404);
            assertThat(response.body()).as(path).contains("\"success\":false");
        }
    }
}
