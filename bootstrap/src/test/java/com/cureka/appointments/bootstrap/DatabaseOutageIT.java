package com.cureka.appointments.bootstrap;

import com.cureka.appointments.testkit.postgres.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10's fault suite, PostgreSQL part: the whole app over HTTP on a PostgreSQL of its own, stopped and started
 * again while patients book. No 500 at all; 503 with Retry-After, answered within 2 s, while it is down; readiness
 * 503 then 200; every 201 is a row, and every row was answered 201 or found again by its retry (200, replayed).
 */
class DatabaseOutageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final int WORKERS = 6;
    private static final Duration OUTAGE = Duration.ofSeconds(4);

    @TempDir
    Path dataDirectory;

    private EmbeddedPostgres startPostgres(int port) throws Exception {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
    }

    /** One answer: status, how long it took, its Retry-After and body. */
    private record Answer(int status, Duration took, String retryAfter, String body, String code) {}

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    @Test
    void a_database_stopped_and_started_mid_load_gives_503s_then_recovers_and_loses_no_booking() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var postgres = startPostgres(port);
        var database =
                new TestDatabase("postgres", "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", null);
        var app = RunningApp.sharing(
                database,
                Map.of("RATE_LIMIT_BOOKINGS_PER_MINUTE", "10000"),
                Clock.fixed(RunningApp.NOW, ZoneOffset.UTC));
        var answers = new CopyOnWriteArrayList<Answer>();
        var created = ConcurrentHashMap.<String>newKeySet();
        var replayed = ConcurrentHashMap.<String>newKeySet();
        var readiness = new CopyOnWriteArrayList<Integer>();
        try {
            String admin = app.token(UUID.randomUUID(), "ADMIN", "Admin");
            var doctors = new ArrayList<String>();
            for (int w = 0; w < WORKERS; w++) {
                doctors.add(json(app.send("POST", "/api/v1/admin/doctors", admin, """
                                {"name": "Dr. Outage %d", "time_zone": "Asia/Kolkata"}""".formatted(w))
                                .body())
                        .at("/data/doctor_id")
                        .asText());
            }
            var stop = new AtomicBoolean();
            try (var load = Executors.newFixedThreadPool(WORKERS + 1)) {
                for (String doctor : doctors) {
                    load.submit(() -> book(app, doctor, stop, answers, created, replayed));
                }
                load.submit(() -> {
                    while (!stop.get()) {
                        readiness.add(
                                app.send("GET", "/health/ready", null, null).statusCode());
                        sleep(200);
                    }
                });
                sleep(1_500);
                postgres.close(); // pg_ctl stop -m fast: every connection is cut
                sleep(OUTAGE.toMillis());
                postgres = startPostgres(port);
                sleep(6_000);
                stop.set(true);
            }

            var byStatus = new TreeMap<Integer, Integer>();
            answers.forEach(a -> byStatus.merge(a.status(), 1, Integer::sum));
            var rows = rowsOf(database);
            System.out.printf(
                    "database outage: %d requests, answers by status %s, %d rows, %d answered 201, %d found by retry,"
                            + " readiness %s%n",
                    answers.size(), byStatus, rows.size(), created.size(), replayed.size(), compress(readiness));

            assertThat(byStatus).doesNotContainKey(500);
            assertThat(byStatus.keySet()).allMatch(status -> status < 500 || status == 503);
            assertThat(byStatus).containsKey(503);
            assertThat(answers).filteredOn(a -> a.status() == 503).allSatisfy(a -> {
                assertThat(a.code()).isEqualTo("SERVICE_UNAVAILABLE");
                assertThat(a.retryAfter()).isNotNull();
                assertThat(a.took()).isLessThan(Duration.ofMillis(2_500));
            });
            assertThat(readiness).contains(503);
            assertThat(readiness.getLast()).isEqualTo(200);
            assertThat(rows).containsAll(created);
            var answered = new HashSet<String>(created);
            answered.addAll(replayed);
            assertThat(answered).containsAll(rows);
            assertThat(created).isNotEmpty();
        } finally {
            app.close();
            postgres.close();
        }
    }

    /**
     * One worker books its own doctor's day after day, a new patient each day (the per-patient cap is 10), one
     * slot after another, retrying each on a 503 until it is answered for good.
     */
    private static void book(
            RunningApp app,
            String doctor,
            AtomicBoolean stop,
            List<Answer> answers,
            Set<String> created,
            Set<String> replayed) {
        for (int day = 1; day < 60 && !stop.get(); day++) {
            String token = app.token(UUID.randomUUID(), "PATIENT", "Patient of day " + day);
            var date = OffsetDateTime.ofInstant(RunningApp.NOW, KOLKATA).plusDays(day);
            // Consultations are 30 minutes: a start every half hour, eight a day for one patient.
            for (int slot = 0; slot < 8 && !stop.get(); slot++) {
                String start =
                        date.withHour(9).withMinute(0).plusMinutes(30L * slot).format(WIRE);
                String body = "{\"doctor_id\": \"%s\", \"appointment_datetime\": \"%s\"}".formatted(doctor, start);
                while (true) {
                    long began = System.nanoTime();
                    HttpResponse<String> response = app.send("POST", "/api/v1/appointments", token, body);
                    var took = Duration.ofNanos(System.nanoTime() - began);
                    var tree = json(response.body());
                    answers.add(new Answer(
                            response.statusCode(),
                            took,
                            response.headers().firstValue("Retry-After").orElse(null),
                            response.body(),
                            tree.path("code").asText(null)));
                    if (response.statusCode() == 201) {
                        created.add(tree.at("/data/appointment_id").asText());
                    } else if (response.statusCode() == 200) {
                        replayed.add(tree.at("/data/appointment_id").asText());
                    }
                    if (response.statusCode() != 503 || stop.get()) {
                        break;
                    }
                    sleep(200);
                }
            }
        }
    }

    private static List<String> rowsOf(TestDatabase database) throws Exception {
        try (var connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT number FROM appointments")) {
            var rows = new ArrayList<String>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    /** 200,200,503,503,200 → "200×2 503×2 200×1". */
    private static String compress(List<Integer> statuses) {
        var out = new StringBuilder();
        int i = 0;
        while (i < statuses.size()) {
            int j = i;
            while (j < statuses.size() && statuses.get(j).equals(statuses.get(i))) {
                j++;
            }
            out.append(out.isEmpty() ? "" : " ")
                    .append(statuses.get(i))
                    .append('×')
                    .append(j - i);
            i = j;
        }
        return out.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
