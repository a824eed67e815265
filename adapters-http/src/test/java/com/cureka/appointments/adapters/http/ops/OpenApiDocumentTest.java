package com.cureka.appointments.adapters.http.ops;

import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.HandlerType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /openapi.json} describes exactly the routes the server has: no more, no fewer. */
class OpenApiDocumentTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");
    /**
     * Swagger UI's own files are not part of the API, nor are the web pages and their files (docs/pages.md): HTML for
     * people, calling the documented JSON routes. {@code GET /dev/token} is registered only in embedded dev mode, so
     * neither this server nor openapi.json has it.
     */
    /** The web pages (docs/pages.md) and the API documentation's own assets: HTML for people, not the API. */
    private static final Set<String> NOT_DOCUMENTED = Set.of(
            "GET /docs/{asset}", "GET /", "GET /desk", "GET /manage", "GET /manage/<token>", "GET /pages/{file}");

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    private static OperationsServer server;
    private static JsonNode document;

    @BeforeAll
    static void open() throws IOException {
        server = OperationsServer.open();
        var response = server.get("/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        document = new ObjectMapper().readTree(response.body());
    }

    @AfterAll
    static void close() {
        server.close();
    }

    @Test
    void it_is_an_openapi_3_1_document() {
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.at("/components/securitySchemes/bearerAuth/scheme").asText())
                .isEqualTo("bearer");
        assertThat(document.at("/components/securitySchemes/bearerAuth/bearerFormat")
                        .asText())
                .isEqualTo("JWT");
    }

    @Test
    void every_registered_route_is_documented() {
        assertThat(registeredRoutes())
                .as("the routes Javalin has")
                .contains("POST /api/v1/appointments", "GET /health/ready");
        var undocumented = new TreeSet<>(registeredRoutes());
        undocumented.removeAll(documentedRoutes());

        assertThat(undocumented)
                .as("routes the server has but openapi.json does not describe")
                .isEmpty();
    }

    @Test
    void every_documented_route_exists() {
        var missing = new TreeSet<>(documentedRoutes());
        missing.removeAll(registeredRoutes());

        assertThat(missing)
                .as("routes openapi.json describes but the server does not have")
                .isEmpty();
    }

    @Test
    void every_api_route_asks_for_the_bearer_token_and_documents_401_and_500() {
        assertThat(document.at("/security/0").has("bearerAuth")).isTrue();
        forEachOperation((route, operation, path) -> {
            boolean open =
                    operation.has("security") && operation.get("security").isEmpty();
            // The manage-link routes are the one exception under /api/v1: their signed token is the credential.
            boolean manageLink = path.startsWith("/api/v1/manage/");
            assertThat(open).as("%s needs no token", route).isEqualTo(!path.startsWith("/api/v1/") || manageLink);
            if (!open) {
                assertThat(operation.at("/responses/401").isMissingNode())
                        .as("%s documents 401", route)
                        .isFalse();
                assertThat(operation.at("/responses/500").isMissingNode())
                        .as("%s documents 500", route)
                        .isFalse();
            }
        });
    }

    @Test
    void every_path_parameter_is_declared() {
        forEachOperation((route, operation, path) -> {
            var inTemplate =
                    PATH_PARAMETER.matcher(path).results().map(m -> m.group(1)).collect(Collectors.toSet());
            var declared = new TreeSet<String>();
            var parameters = new ArrayList<JsonNode>();
            document.get("paths").get(path).path("parameters").forEach(parameters::add);
            operation.path("parameters").forEach(parameters::add);
            for (var parameter : parameters) {
                var resolved = resolve(parameter);
                if (resolved.path("in").asText().equals("path")) {
                    declared.add(resolved.get("name").asText());
                }
            }
            assertThat(declared).as("path parameters of %s", route).isEqualTo(inTemplate);
        });
    }

    @Test
    void booking_documents_the_idempotency_key() {
        var parameters = document.at("/paths/~1api~1v1~1appointments/post/parameters");
        var names = new TreeSet<String>();
        parameters.forEach(p -> names.add(resolve(p).get("name").asText()));
        assertThat(names).contains("Idempotency-Key");
    }

    @Test
    void every_error_code_the_adapter_can_send_is_documented() {
        var documented = new TreeSet<String>();
        document.at("/components/schemas/ErrorCode/enum").forEach(code -> documented.add(code.asText()));

        assertThat(documented)
                .containsAll(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        assertThat(documented).contains(OperationsRoutes.NOT_READY);
        var perRoute = new TreeSet<String>();
        collectCodes(document.get("paths"), perRoute);
        collectCodes(document.at("/components/responses"), perRoute);
        assertThat(documented)
                .as("codes named by a route are in the ErrorCode schema")
                .containsAll(perRoute);
    }

    @Test
    void every_reference_resolves() {
        var references = new ArrayList<String>();
        collectReferences(document, references);
        assertThat(references).isNotEmpty();
        for (String reference : references) {
            assertThat(reference).startsWith("#/");
            assertThat(document.at(reference.substring(1)).isMissingNode())
                    .as("%s resolves", reference)
                    .isFalse();
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------

    /** "METHOD /path/{param}" of every route Javalin has, leaving out what it adds on its own (HEAD, OPTIONS). */
    private static Set<String> registeredRoutes() {
        return server.server.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(handler -> handler.getEndpoint())
                .filter(endpoint -> endpoint.getMethod().isHttpMethod())
                .filter(endpoint ->
                        endpoint.getMethod() != HandlerType.HEAD && endpoint.getMethod() != HandlerType.OPTIONS)
                .map(endpoint -> endpoint.getMethod().name() + " " + endpoint.getPath())
                .filter(route -> !NOT_DOCUMENTED.contains(route))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> documentedRoutes() {
        var routes = new TreeSet<String>();
        forEachOperation((route, operation, path) -> routes.add(route));
        return routes;
    }

    interface OperationVisitor {
        void visit(String route, JsonNode operation, String path);
    }

    private static void forEachOperation(OperationVisitor visitor) {
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(entry -> {
                    if (HTTP_METHODS.contains(entry.getKey())) {
                        visitor.visit(
                                entry.getKey().toUpperCase() + " " + path.getKey(), entry.getValue(), path.getKey());
                    }
                }));
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.get("$ref").asText().substring(1)) : node;
    }

    /** The {@code code} enums that error responses narrow the ErrorCode schema to. */
    private static void collectCodes(JsonNode node, Set<String> codes) {
        if (node.isObject()) {
            var code = node.path("properties").path("code").path("enum");
            code.forEach(c -> codes.add(c.asText()));
            node.forEach(child -> collectCodes(child, codes));
        } else if (node.isArray()) {
            node.forEach(child -> collectCodes(child, codes));
        }
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.has("$ref")) {
            references.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectReferences(child, references));
    }
}
