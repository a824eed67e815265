package com.cureka.appointments.bootstrap;

import com.cureka.appointments.testkit.postgres.TestDatabase;
import com.cureka.appointments.testkit.postgres.TestPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The whole app, booted by its composition root on a fresh real PostgreSQL database and a random port. */
final class RunningApp implements AutoCloseable {
    static final String SECRET = "end-to-end-test-secret-0123456789abcdef";
    static final Instant NOW = Instant.parse("2030-01-07T03:30:00Z"); // Monday 09:00 in Kolkata

    final TestDatabase database;
    private final boolean ownsDatabase;
    final Clock clock;
    final Application app;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final DevTokens tokens;

    RunningApp(Map<String, String> extraSettings) {
        this(extraSettings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    RunningApp(Map<String, String> extraSettings, Clock clock) {
        this(TestPostgres.freshDatabase(), true, extraSettings, clock);
    }

    /** A second instance on the same database, as behind a load balancer. */
    static RunningApp sharing(TestDatabase database, Map<String, String> extraSettings, Clock clock) {
        return new RunningApp(database, false, extraSettings, clock);
    }

    private RunningApp(TestDatabase database, boolean ownsDatabase, Map<String, String> extraSettings, Clock clock) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.clock = clock;
        var env = new HashMap<String, String>();
        env.put("DATABASE_URL", database.jdbcUrl());
        if (database.user() != null) {
            env.put("DATABASE_USER", database.user());
        }
        if (database.password() != null) {
            env.put("DATABASE_PASSWORD", database.password());
        }
        env.put("JWT_SECRET", SECRET);
        env.put("PORT", "0");
        env.put("DATABASE_POOL_SIZE", "24");
        env.put("MAIL_DIR", mailDirectory().toString());
        env.putAll(extraSettings);
        var settings = Settings.from(env);
        app = Application.start(settings, clock);
        tokens = new DevTokens(settings.jwt(), SECRET, clock);
    }

    /** Where the app writes its e-mails when a test gives it no SMTP_URL: out of the working tree. */
    private static Path mailDirectory() {
        try {
            return Files.createTempDirectory("appointments-mail");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String token(UUID subject, String role, String name, String email) {
        return tokens.token(subject, role, name, email, Duration.ofHours(1));
    }

    RunningApp() {
        this(Map.of("RATE_LIMIT_BOOKINGS_PER_MINUTE", "1000"));
    }

    String token(UUID subject, String role, String name) {
        return tokens.token(subject, role, name, Duration.ofHours(1));
    }

    HttpResponse<String> send(String method, String path, String token, String json) {
        return send(method, path, token, json, Map.of());
    }

    HttpResponse<String> send(String method, String path, String token, String json, Map<String, String> headers) {
        return send(method, path, token, json, headers, false);
    }

    /**
     * Sends the body only once the server has said {@code 100 Continue}: a request the server refuses from its head
     * alone (a 414 for a too-long target, say) gets its answer instead of losing it to a reset of the connection the
     * body was still being written to (RFC 9110 §10.1.1).
     */
    HttpResponse<String> sendExpectingContinue(String method, String path, String token, String json) {
        return send(method, path, token, json, Map.of(), true);
    }

    private HttpResponse<String> send(
            String method, String path, String token, String json, Map<String, String> headers, boolean expect100) {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .timeout(Duration.ofSeconds(30))
                .expectContinue(expect100 && json != null);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        if (json != null) {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String baseUrl() {
        return "http://localhost:" + app.port();
    }

    @Override
    public void close() {
        app.stop();
        if (ownsDatabase) {
            TestPostgres.drop(database);
        }
    }
}
