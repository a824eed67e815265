package com.cureka.appointments.bootstrap;

import com.cureka.appointments.adapters.calcom.fake.FakeBooking;
import com.cureka.appointments.adapters.calcom.fake.FakeCalCom;
import com.cureka.appointments.testkit.postgres.TestDatabase;
import com.cureka.appointments.testkit.postgres.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
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
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10's fault suite, calendar part: the packaged app ({@code java -jar appointments.jar}, as PackagedAppIT runs
 * it) in Cal.com mode, against the stateful fake Cal.com of adapters-calcom taking 3 s to book, is killed with SIGKILL
 * while bookings are inside their Cal.com calls, and started again on the same database. Once its reconcile job has
 * run, both sides agree: nothing is PENDING, every SCHEDULED appointment has exactly one live Cal.com booking and
 * every live Cal.com booking belongs to one, no slot is held twice, and every client answered 201 has its row.
 */
class AppKilledDuringCalComCallsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "killed-during-calcom-secret-0123456789abcdef";
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final long EVENT_TYPE = 701;
    private static final String HOST = "dr-slow";
    private static final Duration CREATE_TAKES = Duration.ofSeconds(3);
    private static final Pattern RECONCILE_RAN = Pattern.compile("job reconcile ran: \\{([^}]*)}");

    @TempDir
    Path workDir;

    private final FakeCalCom calcom = FakeCalCom.start();
    private final TestDatabase database = TestPostgres.freshDatabase();
    private final DevTokens tokens =
            new DevTokens(new Settings.Jwt(SECRET, "cureka", "appointments-api"), SECRET, Clock.systemUTC());
    private final int port = freePort();
    private final LocalDate day = LocalDate.now(KOLKATA).plusDays(2);
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private Process app;

    /** One patient's booking of one start, and every answer it got (none when the app died under it). */
    private record Client(UUID patient, String token, String start, List<HttpResponse<String>> answers) {
        Client(UUID patient, String token, String start) {
            this(patient, token, start, new CopyOnWriteArrayList<>());
        }

        boolean answered() {
            return !answers.isEmpty();
        }

        HttpResponse<String> last() {
            return answers.getLast();
        }
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.destroyForcibly();
        }
        callers.shutdownNow();
        calcom.close();
        TestPostgres.drop(database);
    }

    @Test
    void an_app_killed_during_slow_calcom_calls_and_started_again_leaves_no_pending_hold_no_orphan_and_no_double_slot()
            throws Exception {
        long began = System.nanoTime();
        calcom.addHost(HOST, "Dr. Slow", KOLKATA, LocalTime.of(9, 0), LocalTime.of(18, 0));
        calcom.addEventType(EVENT_TYPE, "30-min", 30, HOST, "https://meet.example/" + HOST);
        // The first life keeps the default interval, so that the kill cannot land inside a reconcile run (a run cut
        // short by SIGKILL is taken up again only after six missed heartbeats); the restart asks for every 3 s.
        app = start("app-1.log", Map.of());
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String admin = tokens.token(UUID.randomUUID(), "ADMIN", "Admin", Duration.ofHours(1));
        var doctor = send(http, "POST", "/api/v1/admin/doctors", admin, """
                {"name": "Dr. Slow", "specialty": "Cardiology", "time_zone": "Asia/Kolkata",
                 "cal_com": {"username": "%s", "event_type_ids": {"consultation": %d}}}""".formatted(HOST, EVENT_TYPE));
        assertThat(doctor.statusCode()).as(doctor.body()).isEqualTo(201);
        String doctorId = json(doctor).at("/data/doctor_id").asText();
        awaitFirstReconcileRunEnded();
        calcom.setCreateLatency(CREATE_TAKES);

        // Answered before the kill: three bookings that go all the way through.
        var before = List.of(client("09:00"), client("09:30"), client("10:00"));
        fire(http, doctorId, before).join();
        // In flight at the kill: one booking whose create Cal.com holds and never stores (sent alone, so that the
        // hang lands on it), five it will store 3 s after receiving them, and a rival for three of those six slots.
        calcom.hangNext(Duration.ofSeconds(30));
        var neverStored = client("11:00");
        var flying = new ArrayList<CompletableFuture<Void>>();
        flying.add(fire(http, doctorId, List.of(neverStored)));
        awaitCreatesReceived(before.size() + 1);
        var stored = new ArrayList<Client>();
        for (String start : List.of("11:30", "12:00", "12:30", "13:00", "13:30")) {
            stored.add(client(start));
        }
        var rivals = List.of(client("11:00"), client("11:30"), client("12:00"));
        flying.add(fire(http, doctorId, stored));
        flying.add(fire(http, doctorId, rivals));
        awaitCreatesReceived(before.size() + 6);
        awaitAnswered(rivals, Duration.ofSeconds(2)); // while the creates still run; a slow machine may take longer
        // And three more sent as the kill comes: each may die before the app, in the database or in Cal.com.
        var atTheKill = List.of(client("14:00"), client("14:30"), client("15:00"));
        flying.add(fire(http, doctorId, atTheKill));
        Thread.sleep(50);
        app.destroyForcibly(); // SIGKILL: no shutdown hook, no drain, calls to Cal.com cut off mid-way
        assertThat(app.waitFor(10, TimeUnit.SECONDS)).isTrue();
        flying.forEach(CompletableFuture::join);
        var pendingAtTheKill = countWhere("status = 'PENDING'");
        var inFlight = new ArrayList<Client>();
        inFlight.add(neverStored);
        inFlight.addAll(stored);
        inFlight.addAll(rivals);
        var answeredInTheFirstLife = byStatus(List.of(before, inFlight, atTheKill));

        app = start("app-2.log", Map.of("RECONCILE_INTERVAL_SECONDS", "3"));
        // Patients left without an answer do what API.md tells them, at once: send the same booking again (and again
        // after Retry-After, while it answers 503), most of them before the restarted app's first reconcile run.
        var http2 =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var everyone = new ArrayList<Client>();
        everyone.addAll(before);
        everyone.addAll(inFlight);
        everyone.addAll(atTheKill);
        var unanswered = everyone.stream().filter(c -> !c.answered()).toList();
        fire(http2, doctorId, unanswered, true).join();
        awaitSettled();

        var rows = rows();
        var live = calcom.liveBookings();
        var reconcileRuns = reconcileRuns(Files.readString(workDir.resolve("app-2.log")));
        System.out.printf(
                "app killed during Cal.com calls: %d clients, %d requests; before the kill %s, left without an answer"
                        + " %d (PENDING at the kill: %d); their retries %s; reconcile runs"
                        + " with changes %s; %d rows checked (%s), %d live Cal.com bookings; %d s in all%n",
                everyone.size(),
                everyone.stream().mapToInt(c -> c.answers().size()).sum(),
                answeredInTheFirstLife,
                unanswered.size(),
                pendingAtTheKill,
                byStatus(List.of(unanswered)),
                reconcileRuns.stream()
                        .filter(counts -> counts.matches(".*=[1-9].*"))
                        .map(counts -> "{" + counts + "}")
                        .toList(),
                rows.size(),
                rows.stream().collect(Collectors.groupingBy(Row::status, TreeMap::new, Collectors.counting())),
                live.size(),
                Duration.ofNanos(System.nanoTime() - began).toSeconds());

        assertThat(before)
                .allSatisfy(c ->
                        assertThat(c.last().statusCode()).as(c.last().body()).isEqualTo(201));
        assertThat(unanswered).as("the kill cut some calls off").isNotEmpty();
        assertThat(pendingAtTheKill).as("the kill left holds behind").isPositive();
        assertThat(everyone.stream().flatMap(c -> c.answers().stream())).allSatisfy(answer -> {
            assertInEnvelope(answer);
            if (answer.statusCode() >= 500) {
                // Only "the calendar has not answered yet, come back later", which a client retries.
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                assertThat(json(answer).path("code").asText()).isEqualTo("CAL_COM_ERROR");
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            }
        });
        assertThat(unanswered)
                .allSatisfy(c -> assertThat(c.last().statusCode())
                        .as("a retry finds its booking (200), books again (201) or meets a rival's (409): "
                                + c.last().body())
                        .isIn(200, 201, 409));

        assertThat(rows).noneMatch(r -> r.status().equals("PENDING"));
        // Released holds are kept as CANCELLED: the one Cal.com never stored, and any made just before the kill whose
        // call never left the app.
        assertThat(rows)
                .filteredOn(r -> r.status().equals("CANCELLED"))
                .extracting(Row::start)
                .as("the hold whose create Cal.com never stored is released, and kept")
                .contains(OffsetDateTime.parse(neverStored.start()).toInstant());
        var scheduled =
                rows.stream().filter(r -> r.status().equals("SCHEDULED")).toList();
        assertThat(scheduled)
                .allSatisfy(row -> assertThat(live)
                        .as("the live Cal.com bookings of %s", row.number())
                        .filteredOn(b -> row.number().equals(b.metadata().get("appointmentNumber")))
                        .singleElement()
                        .satisfies(b -> assertThat(b.uid()).isEqualTo(row.calendarBookingId())));
        assertThat(live)
                .allSatisfy(booking -> assertThat(scheduled)
                        .as("the appointment holding Cal.com booking %s", booking.uid())
                        .filteredOn(r -> booking.uid().equals(r.calendarBookingId())
                                && r.number().equals(booking.metadata().get("appointmentNumber")))
                        .hasSize(1));
        assertNoOverlap(
                scheduled.stream().map(r -> new Instant[] {r.start(), r.end()}).toList());
        assertNoOverlap(
                live.stream().map(b -> new Instant[] {b.start(), b.end()}).toList());
        assertThat(scheduled)
                .allSatisfy(row -> assertThat(everyone)
                        .as("the patient of %s was told of it (201, or 200 when a retry found it)", row.number())
                        .filteredOn(c -> c.patient().equals(row.patient()))
                        .singleElement()
                        .satisfies(c -> assertThat(c.answers())
                                .anySatisfy(a -> assertThat(
                                                a.statusCode() == 201 || a.statusCode() == 200
                                                        ? json(a).at("/data/appointment_id")
                                                                .asText()
                                                        : "answered " + a.statusCode() + " " + a.body())
                                        .isEqualTo(row.number()))));
        for (var client : everyone) {
            for (var answer : client.answers()) {
                if (answer.statusCode() == 201 || answer.statusCode() == 200) {
                    String number = json(answer).at("/data/appointment_id").asText();
                    assertThat(rows)
                            .as("the row of %s, answered %d", number, answer.statusCode())
                            .filteredOn(r -> r.number().equals(number))
                            .singleElement()
                            .satisfies(r -> assertThat(r.status()).isEqualTo("SCHEDULED"));
                }
            }
        }
        assertThat(Files.readString(workDir.resolve("app-2.log"))).doesNotContainPattern("(?m)^\\S+ ERROR ");
    }

    // ---- the app as a process ----

    private Process start(String logName, Map<String, String> extra) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(List.of(java, "-jar", System.getProperty("app.jar")))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(logName).toFile());
        // Only these settings, whatever the machine running the build has set.
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("DATABASE_")
                        || name.startsWith("REDIS_")
                        || name.startsWith("JWT_")
                        || name.startsWith("CAL_COM_")
                        || name.startsWith("RECONCILE_")
                        || name.equals("DEMO_DATA"));
        var env = new HashMap<String, String>();
        env.put("PORT", String.valueOf(port));
        env.put("LOG_FORMAT", "text");
        env.put("DATABASE_URL", database.jdbcUrl());
        if (database.user() != null) {
            env.put("DATABASE_USER", database.user());
        }
        if (database.password() != null) {
            env.put("DATABASE_PASSWORD", database.password());
        }
        env.put("JWT_SECRET", SECRET);
        env.put("CAL_COM_API_KEY", calcom.apiKey());
        env.put("CAL_COM_BASE_URL", calcom.baseUrl());
        // Well above a create's 3 s, so that calls not cut off succeed; a hold is stale 10 s after it was made.
        env.put("CALENDAR_TIMEOUT_SECONDS", "10");
        env.put("RECONCILE_MARGIN_SECONDS", "0"); // one instance: no other clock to allow for
        env.put("RATE_LIMIT_BOOKINGS_PER_MINUTE", "1000");
        env.put("MAIL_DIR", workDir.resolve("mail").toString());
        env.putAll(extra);
        builder.environment().putAll(env);
        var process = builder.start();
        var probe = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the app exited early:\n" + Files.readString(workDir.resolve(logName)));
            }
            try {
                var ready = probe.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready within 60 s:\n" + Files.readString(workDir.resolve(logName)));
    }

    private Client client(String time) {
        var patient = UUID.randomUUID();
        String token = tokens.token(patient, "PATIENT", "Patient at " + time, Duration.ofHours(1));
        return new Client(
                patient,
                token,
                day.atTime(LocalTime.parse(time)).atZone(KOLKATA).format(WIRE));
    }

    /** Sends every client's booking at once; each future ends with an answer or with the connection lost. */
    private CompletableFuture<Void> fire(HttpClient http, String doctorId, List<Client> clients) {
        return fire(http, doctorId, clients, false);
    }

    /** With {@code untilDefinitive}, a 503 is followed by the same booking again once its Retry-After has passed. */
    private CompletableFuture<Void> fire(
            HttpClient http, String doctorId, List<Client> clients, boolean untilDefinitive) {
        var calls = clients.stream()
                .map(c -> CompletableFuture.runAsync(() -> book(http, doctorId, c, untilDefinitive), callers))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(calls);
    }

    private void book(HttpClient http, String doctorId, Client client, boolean untilDefinitive) {
        String body = "{\"doctor_id\": \"%s\", \"appointment_datetime\": \"%s\"}".formatted(doctorId, client.start());
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        try {
            while (true) {
                var answer = send(http, "POST", "/api/v1/appointments", client.token(), body);
                client.answers().add(answer);
                var retryAfter = answer.headers().firstValue("Retry-After");
                if (!untilDefinitive
                        || answer.statusCode() != 503
                        || retryAfter.isEmpty()
                        || System.nanoTime() > deadline) {
                    return;
                }
                Thread.sleep(Duration.ofSeconds(Long.parseLong(retryAfter.get())));
            }
        } catch (IOException killed) {
            // the app died under this request: the client never learns what became of it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<String> send(HttpClient http, String method, String path, String token, String body)
            throws IOException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    // ---- waiting for the world to reach a state ----

    /** The first life's start-up run of reconcile is over (due again in 15 minutes), so the kill cannot cut it short. */
    private void awaitFirstReconcileRunEnded() throws Exception {
        await(
                Duration.ofSeconds(20),
                () -> countOf("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'reconcile' AND NOT picked"
                                + " AND execution_time > now() + interval '1 minute'")
                        == 1,
                "the first reconcile run ended");
    }

    /** Waits a while for the clients' answers, and goes on without them when they are slower. */
    private static void awaitAnswered(List<Client> clients, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && !clients.stream().allMatch(Client::answered)) {
            Thread.sleep(20);
        }
    }

    private void awaitCreatesReceived(int creates) throws Exception {
        await(
                Duration.ofSeconds(10),
                () -> calcom.calls("POST", "/v2/bookings").size() >= creates,
                creates + " creates reached Cal.com");
    }

    /** Until nothing is PENDING and every live Cal.com booking is held by a SCHEDULED row; how long that took. */
    private Duration awaitSettled() throws Exception {
        long from = System.nanoTime();
        await(
                Duration.ofSeconds(30),
                () -> {
                    var rows = rows();
                    return rows.stream().noneMatch(r -> r.status().equals("PENDING"))
                            && calcom.liveBookings().stream()
                                    .allMatch(b -> rows.stream()
                                            .anyMatch(r -> r.status().equals("SCHEDULED")
                                                    && b.uid().equals(r.calendarBookingId())));
                },
                "the restarted app's reconcile job settled every hold");
        return Duration.ofNanos(System.nanoTime() - from);
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private void await(Duration limit, Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what + "\nrows " + rows() + "\nlive Cal.com "
                        + calcom.liveBookings().stream().map(FakeBooking::uid).toList());
            }
            Thread.sleep(200);
        }
    }

    // ---- what the database and Cal.com hold ----

    private record Row(
            String number, UUID patient, String status, String calendarBookingId, Instant start, Instant end) {}

    private List<Row> rows() throws Exception {
        try (var connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                var statement = connection.createStatement();
                var rs = statement.executeQuery(
                        "SELECT number, patient_id, status, calendar_booking_id, starts_at, ends_at FROM appointments")) {
            var rows = new ArrayList<Row>();
            while (rs.next()) {
                rows.add(new Row(
                        rs.getString(1),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6).toInstant()));
            }
            return rows;
        }
    }

    private int countWhere(String condition) throws Exception {
        return countOf("SELECT count(*) FROM appointments WHERE " + condition);
    }

    private int countOf(String sql) throws Exception {
        try (var connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                var statement = connection.createStatement();
                var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** One doctor, one Cal.com host: no two intervals may overlap. */
    private static void assertNoOverlap(List<Instant[]> intervals) {
        var sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparing(i -> i[0]));
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i)[0])
                    .as("a slot held twice: %s", sorted.get(i)[0])
                    .isAfterOrEqualTo(sorted.get(i - 1)[1]);
        }
    }

    // ---- answers ----

    private static void assertInEnvelope(HttpResponse<String> answer) {
        var body = json(answer);
        boolean ok = answer.statusCode() < 300;
        assertThat(body.path("success").asBoolean(!ok)).as(answer.body()).isEqualTo(ok);
        if (!ok) {
            assertThat(body.path("code").isTextual()).as(answer.body()).isTrue();
            assertThat(body.path("message").isTextual()).as(answer.body()).isTrue();
            assertThat(body.path("details").isObject()).as(answer.body()).isTrue();
        }
    }

    /** Answers by status, and "none" for each client left without one. */
    private static TreeMap<String, Integer> byStatus(List<List<Client>> groups) {
        var counts = new TreeMap<String, Integer>();
        for (var client : groups.stream().flatMap(List::stream).toList()) {
            for (var answer : client.answers()) {
                counts.merge(String.valueOf(answer.statusCode()), 1, Integer::sum);
            }
            if (!client.answered()) {
                counts.merge("none", 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The counts of every "job reconcile ran" line, in order. */
    private static List<String> reconcileRuns(String log) {
        var runs = new ArrayList<String>();
        var matcher = RECONCILE_RAN.matcher(log);
        while (matcher.find()) {
            runs.add(matcher.group(1));
        }
        return runs;
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
