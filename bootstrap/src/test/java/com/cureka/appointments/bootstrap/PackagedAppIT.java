package com.cureka.appointments.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Quick start, for real: {@code java -jar appointments.jar} with no settings at all starts the
 * embedded PostgreSQL, prints tokens and a curl line that books, and stops cleanly on SIGTERM.
 */
class PackagedAppIT {
    private static final Pattern PATIENT_TOKEN = Pattern.compile("Patient token \\(Rajesh Kumar\\):\\s+(\\S+)");
    private static final Pattern BOOKING_BODY = Pattern.compile("-d '(\\{.*\\})'");

    @Test
    void the_jar_runs_on_its_embedded_defaults_books_the_printed_example_and_stops_on_sigterm(@TempDir Path workDir)
            throws Exception {
        int port = freePort();
        var log = workDir.resolve("app.log");
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(List.of(java, "-jar", System.getProperty("app.jar")))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // "No settings at all", whatever the machine running the build has set.
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("DATABASE_")
                        || name.startsWith("REDIS_")
                        || name.startsWith("JWT_")
                        || name.startsWith("CAL_COM_")
                        || name.equals("DEMO_DATA"));
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("LOG_FORMAT", "text");
        var process = builder.start();
        String beforeStop = "";
        try {
            String banner = waitFor(log, "Book an appointment", Duration.ofSeconds(60), process);
            var token = PATIENT_TOKEN.matcher(banner);
            var body = BOOKING_BODY.matcher(banner);
            assertThat(token.find()).as(banner).isTrue();
            assertThat(body.find()).as(banner).isTrue();
            var appPort = Integer.parseInt(banner.replaceAll("(?s).*ready on http://localhost:(\\d+).*", "$1"));

            var http = HttpClient.newHttpClient();
            var booked = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + appPort + "/api/v1/appointments"))
                            .header("Authorization", "Bearer " + token.group(1))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.group(1)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            var ready = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + appPort + "/health/ready"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(workDir.resolve("data/postgres/PG_VERSION")).exists();
            assertThat(workDir.resolve("data/dev-jwt-secret")).exists();
        } finally {
            beforeStop = Files.readString(log);
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(40, TimeUnit.SECONDS))
                    .as("stopped after SIGTERM")
                    .isTrue();
        }
        assertThat(beforeStop).doesNotContain("Exception");
        // The embedded PostgreSQL library stops its server from a JVM shutdown hook of its own, which runs beside
        // the app's: a background worker polling in that moment may log a connection WARN. Never an ERROR.
        assertThat(Files.readString(log)).doesNotContainPattern("(?m)^\\S+ ERROR ");
    }

    private static String waitFor(Path log, String marker, Duration limit, Process process) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            var text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains(marker)) {
                Thread.sleep(200); // the rest of the banner
                return Files.readString(log);
            }
            if (!process.isAlive()) {
                throw new AssertionError("the app exited early:\n" + text);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + marker + "' within " + limit + ":\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
