package com.cureka.appointments.bench;

import com.cureka.appointments.adapters.calcom.fake.FakeCalCom;
import com.cureka.appointments.bootstrap.Application;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The load benchmark: boots the app (bootstrap's {@link Application#start}) in this JVM, or each instance in a child
 * JVM ({@code --app=process}, {@link ChildJvm}), against a real PostgreSQL,
 * drives it over HTTP with closed-loop clients at each level of concurrency, and prints throughput, p50/p95/p99
 * latency and the error count for
 *
 * <ol>
 *   <li>bookings with the built-in calendar, each a distinct free slot over many doctors;</li>
 *   <li>slot listings, uncached (each a doctor-day-type never asked before) and cached (the same few);</li>
 *   <li>bookings through the fake Cal.com answering in 100 ms, against the fake alone at the same load;</li>
 * </ol>
 *
 * then measures the database's own limit with pgbench on the SQL of one booking, and prints our bookings/s as a
 * ratio of it. Writes a CSV and a PNG plot under {@code bench/results/}. Not a test: {@code ./mvnw verify} never
 * runs it. Usage: {@code java -jar bench/target/bench.jar [--quick] [--help]}.
 */
public final class LoadBenchmark {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SUBSCRIBERS = 3;

    private final Options options;
    private final String runId;
    private final Tokens tokens;
    private final List<LevelResult> results = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();
    private final List<Path> appLogs = new ArrayList<>();
    private List<PgBench.Run> pgbench = List.of();

    private LoadBenchmark(Options options, String runId) {
        this.options = options;
        this.runId = runId;
        this.tokens = new Tokens(Tokens.newSecret(), Duration.ofHours(6));
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String runId = ZonedDateTime.now(ZoneOffset.UTC).format(RUN_ID);
        Files.createDirectories(options.resultsDirectory());
        // Before the first logger is made: the app's log goes to a file beside the results. With the app in child
        // JVMs (each with a log of its own) what logs here is the load generator's side: the fakes, the receiver.
        System.setProperty(
                "bench.log",
                options.resultsDirectory()
                        .resolve((options.appInChildJvms() ? "bench-" : "app-") + runId + ".log")
                        .toString());
        new LoadBenchmark(options, runId).run();
        System.exit(0); // the fake Cal.com's and the clients' threads must not keep the JVM alive
    }

    private void run() throws Exception {
        var started = ZonedDateTime.now(ZoneOffset.UTC);
        ClosedLoop.quietThreshold = options.quietThreshold();
        ClosedLoop.quietWait = options.quietWait();
        try (var databases = new ScratchDatabases(
                options.databaseUrl(),
                options.databaseUser(),
                options.databasePassword(),
                runId,
                options.keepDatabases())) {
            printHeader(started, databases);
            String appUrl = null;
            if (options.runs("book") || options.runs("list") || options.runs("calcom")) {
                appUrl = databases.create("app");
            }
            if (options.runs("book") || options.runs("list")) {
                builtInCalendar(databases, appUrl);
            }
            if (options.runs("calcom")) {
                calCom(databases, appUrl);
            }
            if (options.runs("pgbench")) {
                pgbench(databases);
            }
        }
        var report = new Report(options, runId, started, results, pgbench, findings);
        report.print(System.out);
        Path csv = options.resultsDirectory().resolve("bench-" + runId + ".csv");
        report.writeCsv(csv);
        Path png = options.resultsDirectory().resolve("bench-" + runId + ".png");
        Plot.draw(
                results,
                pgbench,
                png,
                "Appointments load benchmark, " + started.toLocalDate() + ", " + MachineLoad.CORES + " cores");
        if (options.plot() != null) {
            Files.createDirectories(options.plot().toAbsolutePath().getParent());
            Files.copy(png, options.plot(), StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.println("CSV:  " + csv);
        System.out.println("plot: " + png + (options.plot() == null ? "" : " (and " + options.plot() + ")"));
        if (options.appInChildJvms()) {
            appLogs.forEach(log -> System.out.println("app log: " + log));
            var own = Path.of(System.getProperty("bench.log"));
            if (Files.exists(own)) { // only made when something in this JVM logged
                System.out.println("bench JVM's log: " + own);
            }
        } else {
            System.out.println("app log: " + System.getProperty("bench.log"));
        }
    }

    private void printHeader(ZonedDateTime started, ScratchDatabases databases) {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memory = os instanceof OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
        System.out.printf(
                "Appointments load benchmark, run %s (%s UTC)%n",
                runId, started.toLocalDateTime().withNano(0));
        System.out.printf(
                "machine: %d cores, %.1f GiB, %s %s; JVM %s %s (%s)%n",
                MachineLoad.CORES,
                memory / 1024.0 / 1024 / 1024,
                os.getName(),
                os.getVersion(),
                System.getProperty("java.vm.name"),
                Runtime.version(),
                whereTheAppRuns());
        System.out.printf(
                "PostgreSQL: %s at %s; fsync=%s, synchronous_commit=%s, max_connections=%s%n",
                databases.serverVersion().replaceAll(" on .*", ""),
                options.databaseUrl(),
                databases.show("fsync"),
                databases.show("synchronous_commit"),
                databases.show("max_connections"));
        System.out.printf(
                "load: levels %s clients, warm-up %s + %s measured per level, %s client, closed loop%n",
                options.levels(), seconds(options.warmup()), seconds(options.duration()), options.client());
        int connections = options.instances() * options.poolSize();
        try {
            if (connections >= Integer.parseInt(databases.show("max_connections"))) {
                System.out.printf(
                        "warning: %d instances × pool size %d = %d connections, not below max_connections=%s:"
                                + " requests may fail for want of a connection (lower --pool-size)%n",
                        options.instances(), options.poolSize(), connections, databases.show("max_connections"));
            }
        } catch (NumberFormatException unknown) {
            // not shown: no warning
        }
        System.out.printf("load average before the run: %.1f%n%n", os.getSystemLoadAverage());
    }

    private String whereTheAppRuns() {
        int n = options.instances();
        if (options.appInChildJvms()) {
            return n == 1
                    ? "load generator in this JVM, the app in a child JVM of the same JDK"
                    : "load generator in this JVM, %d app instances each in a child JVM of the same JDK".formatted(n);
        }
        return n == 1
                ? "load generator and app in this one JVM"
                : "load generator and %d app instances in this one JVM".formatted(n);
    }

    /** The settings every app instance of the run gets; printed, since each differs from a default. */
    private Map<String, String> appSettings(String url) {
        var env = new LinkedHashMap<String, String>();
        env.put("PORT", "0");
        env.put("DATABASE_URL", url);
        env.put("DATABASE_USER", options.databaseUser());
        if (options.databasePassword() != null) {
            env.put("DATABASE_PASSWORD", options.databasePassword());
        }
        env.put("DATABASE_POOL_SIZE", Integer.toString(options.poolSize()));
        env.put("JWT_SECRET", tokens.secret());
        env.put("DEMO_DATA", "false");
        // The load must not be refused by a rule: each patient books ~15 times in a run, from 10,000 patients.
        env.put("RATE_LIMIT_BOOKINGS_PER_MINUTE", "10000");
        env.put("MAX_APPTS_PER_PATIENT", "1000");
        env.put("MAX_FUTURE_BOOKING_DAYS", Integer.toString(options.days() + 7));
        // The webhook scenario's receiver listens on 127.0.0.1, which the SSRF guard refuses by default.
        env.put("WEBHOOK_ALLOW_PRIVATE_URLS", "true");
        if (options.redisUrl() != null) {
            env.put("REDIS_URL", options.redisUrl());
        }
        return env;
    }

    private AppInstances start(String name, Map<String, String> env) throws IOException {
        System.out.println(name + ": settings changed from the defaults:");
        env.forEach((key, value) -> System.out.printf(
                "  %s=%s%n",
                key,
                key.equals("JWT_SECRET") || key.equals("DATABASE_PASSWORD") || key.equals("CAL_COM_API_KEY")
                        ? "(" + value.length() + " characters)"
                        : key.equals("PORT") && options.appInChildJvms()
                                ? "(a free port per instance, picked by the benchmark)"
                                : value));
        if (options.instances() > 1 && options.redisUrl() == null) {
            System.out.printf(
                    "  note: %d instances without --redis-url: each has its own availability cache and rate limiter."
                            + " Bookings stay right (the database refuses a double booking), but a listing on one"
                            + " instance may show a slot booked through another as free until its cache entry expires%n",
                    options.instances());
        }
        return AppInstances.start(env, options.instances(), options.appInChildJvms(), this::nextAppLog);
    }

    private Path nextAppLog() {
        var log = options.resultsDirectory().resolve("app-%s-%d.log".formatted(runId, appLogs.size() + 1));
        appLogs.add(log);
        return log;
    }

    // ---- scenarios 1 and 2: the built-in calendar ----

    private void builtInCalendar(ScratchDatabases databases, String url) throws Exception {
        var clinic = new Clinic("Bench", options.doctors(), options.patientsPerDoctor(), options.days(), false, tokens);
        System.out.printf(
                "data set: %d doctors × %d days × %d slots = %,d free slots; %,d patients%n",
                clinic.doctorCount(),
                clinic.days(),
                Clinic.SLOTS_PER_DAY,
                (long) clinic.doctorCount() * clinic.days() * Clinic.SLOTS_PER_DAY,
                clinic.patientCount());
        try (var apps = start("app (built-in calendar)", appSettings(url));
                var transport = apps.transport(options.client())) {
            register(transport, clinic);
            if (options.runs("book")) {
                var booked = new AtomicLong();
                jitWarmup("bookings", transport, client -> clinic.nextBooking(), booked);
                for (int clients : options.levels()) {
                    bookingLevel("book", clients, transport, clinic::nextBooking, booked);
                }
                if (options.runs("fhir")) {
                    fhirBookings(transport, clinic, booked);
                }
                if (options.runs("webhooks")) {
                    bookingsWithWebhooks(transport, clinic, booked);
                }
                long rows = count(databases, url, "SELECT count(*) FROM appointments");
                String check = "bookings answered 201: %,d; rows in appointments: %,d; requests sent: %,d"
                        .formatted(booked.get(), rows, clinic.bookingsIssued());
                System.out.println("  check: " + check + (rows == booked.get() ? " (equal)" : " (DIFFERENT)"));
                findings.add(check);
            }
            // After the bookings' JIT warm-up, so that the floor is measured on a warm server, as the listings are.
            httpFloor(transport);
            if (options.runs("list")) {
                jitWarmup("uncached listings", transport, client -> clinic.nextUncachedListing(), new AtomicLong());
                for (int clients : options.levels()) {
                    record(ClosedLoop.run(
                            "list-uncached",
                            clients,
                            options.warmup(),
                            options.duration(),
                            transport,
                            client -> clinic.nextUncachedListing(),
                            (request, response, measured) -> {}));
                }
                // One round over the cached keys first, on every instance (each may have a cache of its own), so
                // that every measured request is a hit.
                for (int instance = 0; instance < apps.size(); instance++) {
                    try (var connection = transport.connect(instance)) {
                        for (int i = 0; i < clinic.cachedKeys(); i++) {
                            connection.send(clinic.nextCachedListing());
                        }
                    }
                }
                for (int clients : options.levels()) {
                    record(ClosedLoop.run(
                            "list-cached",
                            clients,
                            options.warmup(),
                            options.duration(),
                            transport,
                            client -> clinic.nextCachedListing(),
                            (request, response, measured) -> {}));
                }
                if (options.runs("book")) {
                    // The same bookings again, now that the listings filled the availability cache (5-minute entries):
                    // each booking invalidates its doctor-day, and how that scales with the cache's size shows here.
                    int clients = options.levels().stream()
                            .mapToInt(Integer::intValue)
                            .max()
                            .orElse(16);
                    record(ClosedLoop.run(
                            "book-after-listings",
                            clients,
                            options.warmup(),
                            options.duration(),
                            transport,
                            client -> clinic.nextBooking(),
                            (request, response, measured) -> {}));
                }
            }
        }
    }

    /** The same bookings through FHIR's {@code Appointment/$book}, each level beside the /api/v1 figure. */
    private void fhirBookings(HttpTransport transport, Clinic clinic, AtomicLong booked) {
        jitWarmup("FHIR bookings", transport, client -> clinic.nextFhirBooking(), booked);
        for (int clients : options.levels()) {
            compareWithBook(bookingLevel("book-fhir", clients, transport, clinic::nextFhirBooking, booked));
        }
    }

    /**
     * Bookings while {@value #SUBSCRIBERS} subscribers hear of each one (issue 12): the outbox's webhook consumer
     * fans every event out into deliveries that the workers send to a receiver in this JVM. Afterwards, every
     * delivery must arrive; the subscribers are then removed so that later scenarios book without them.
     */
    private void bookingsWithWebhooks(HttpTransport transport, Clinic clinic, AtomicLong booked) throws Exception {
        String admin = tokens.token(UUID.randomUUID(), "ADMIN", "Bench admin");
        try (var receiver = WebhookReceiver.start();
                var connection = transport.connect()) {
            var ids = new ArrayList<String>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                String body = "{\"url\":\"" + receiver.url("/hook-" + i)
                        + "\",\"events\":[\"appointment.booked\"],\"description\":\"bench " + i + "\"}";
                var response = connection.send(HttpTransport.Request.post(
                        "/api/v1/admin/webhooks", admin, body.getBytes(StandardCharsets.UTF_8)));
                if (response.status() != 201) {
                    throw new IllegalStateException(
                            "subscribing a webhook: HTTP " + response.status() + " " + response.text());
                }
                ids.add(JSON.readTree(response.body()).at("/data/webhook_id").asText());
            }
            long before = booked.get();
            for (int clients : options.levels()) {
                compareWithBook(bookingLevel(
                        "book-" + SUBSCRIBERS + "-webhooks", clients, transport, clinic::nextBooking, booked));
            }
            long expected = SUBSCRIBERS * (booked.get() - before);
            var waited = receiver.awaitAtLeast(expected, Duration.ofSeconds(120));
            // At least: events of earlier bookings still in the outbox when the subscribers came are fanned out too.
            String check = "webhooks: %,d deliveries received, at least %,d expected (%d subscribers × %,d bookings),"
                            .formatted(receiver.received(), expected, SUBSCRIBERS, booked.get() - before)
                    + " the last"
                    + " %.1f s after the load ended; delivery latency (change to arrival) p50 %.1f ms, p99 %.1f ms"
                            .formatted(
                                    waited.toMillis() / 1000.0, receiver.latencyMillis(50), receiver.latencyMillis(99))
                    + (receiver.received() >= expected ? "" : " (MISSING)");
            System.out.println("  check: " + check);
            findings.add(check);
            // A new connection: the first one sat idle through the wait, and the server may have closed it.
            try (var again = transport.connect()) {
                for (String id : ids) {
                    again.send(
                            new HttpTransport.Request("DELETE", "/api/v1/admin/webhooks/" + id, admin, null, Map.of()));
                }
            }
        }
    }

    /** One level of a booking scenario, recorded; every 2xx counted in {@code booked} for the rows check. */
    private LevelResult bookingLevel(
            String scenario,
            int clients,
            HttpTransport transport,
            Supplier<HttpTransport.Request> next,
            AtomicLong booked) {
        var result = ClosedLoop.run(
                scenario,
                clients,
                options.warmup(),
                options.duration(),
                transport,
                client -> next.get(),
                (request, response, measured) -> booked.incrementAndGet());
        record(result);
        return result;
    }

    /** A booking scenario's figure beside the plain booking's at the same level, as a finding. */
    private void compareWithBook(LevelResult result) {
        results.stream()
                .filter(r -> r.scenario().equals("book") && r.clients() == result.clients())
                .findFirst()
                .ifPresent(book -> {
                    String line = "%s at %d clients: %.0f/s, %.2f × book's %.0f/s (p99 %.1f vs %.1f ms)"
                            .formatted(
                                    result.scenario(),
                                    result.clients(),
                                    result.goodput(),
                                    result.goodput() / book.goodput(),
                                    book.goodput(),
                                    result.percentileMillis(99),
                                    book.percentileMillis(99));
                    System.out.println("  " + line);
                    findings.add(line);
                });
    }

    /**
     * The HTTP floor: {@code GET /health/live} (no token, no database, a constant answer) over the same client at
     * each level, so that the listings can be judged by how close they come to what Jetty and Javalin cost alone.
     */
    private void httpFloor(HttpTransport transport) {
        var probe = HttpTransport.Request.get("/health/live", null);
        for (int clients : options.levels()) {
            record(ClosedLoop.run(
                    FloorRatios.HTTP_FLOOR,
                    clients,
                    options.warmup(),
                    options.duration(),
                    transport,
                    client -> probe,
                    (request, response, measured) -> {}));
        }
    }

    // ---- scenario 3: bookings through the fake Cal.com ----

    private void calCom(ScratchDatabases databases, String url) throws Exception {
        var latency = options.calComLatency();
        try (var fake = FakeCalCom.start()) {
            fake.setLatency(latency);
            fake.setRateLimitPerMinute(Integer.MAX_VALUE);
            int doctors = options.calComDoctors();
            // Hosts 0..n-1 are booked through the app; n..2n-1 directly, for the fake's own latency.
            for (int i = 0; i < 2 * doctors; i++) {
                fake.addHost(
                        Clinic.calComUser(i), "Dr. Cal " + i, ZoneOffset.UTC, LocalTime.MIDNIGHT, LocalTime.of(23, 30));
                fake.addEventType(Clinic.calComEventType(i), "consultation-" + i, 30, Clinic.calComUser(i));
            }
            var clinic = new Clinic("Cal", doctors, options.patientsPerDoctor(), options.days(), true, tokens);
            var env = appSettings(url);
            env.put("CAL_COM_API_KEY", fake.apiKey());
            env.put("CAL_COM_BASE_URL", fake.baseUrl());
            System.out.printf(
                    "fake Cal.com at %s answering every call after %d ms; %d hosts%n",
                    fake.baseUrl(), latency.toMillis(), 2 * doctors);
            try (var apps = start("app (Cal.com)", env);
                    var transport = apps.transport(options.client());
                    var direct = HttpTransport.of(options.client(), "127.0.0.1", portOf(fake.baseUrl()))) {
                register(transport, clinic);
                var directSlots = new AtomicLong();
                for (int clients : options.levels()) {
                    // The fake alone: what Cal.com costs, so that what the app adds can be told apart.
                    var baseline = ClosedLoop.run(
                            "calcom-fake-direct",
                            clients,
                            options.warmup(),
                            options.duration(),
                            direct,
                            client -> directBooking(fake, doctors, directSlots.getAndIncrement()),
                            (r, a, m) -> {});
                    record(baseline);
                    fake.clearCalls();
                    var booked = new AtomicLong();
                    var result = ClosedLoop.run(
                            "calcom-book",
                            clients,
                            options.warmup(),
                            options.duration(),
                            transport,
                            client -> clinic.nextBooking(),
                            (request, response, measured) -> booked.incrementAndGet());
                    var calls = fake.calls();
                    long posts = calls.stream()
                            .filter(c -> c.is("POST", "/v2/bookings"))
                            .count();
                    double base = latency.toNanos() / 1e6;
                    String note =
                            ("app adds over %d ms: p50 %.1f, p95 %.1f, p99 %.1f ms; over the fake alone at this load: "
                                            + "p50 %.1f, p99 %.1f ms; Cal.com calls per booking: %.2f (%d calls, %d of them POST /v2/bookings, %d bookings)")
                                    .formatted(
                                            latency.toMillis(),
                                            result.p50() - base,
                                            result.p95() - base,
                                            result.p99() - base,
                                            result.p50() - baseline.p50(),
                                            result.p99() - baseline.p99(),
                                            booked.get() == 0 ? 0.0 : (double) calls.size() / booked.get(),
                                            calls.size(),
                                            posts,
                                            booked.get());
                    record(result.withNote(note));
                    System.out.println("  " + note);
                    fake.clearCalls();
                }
            }
        }
    }

    /** {@code POST /v2/bookings} as the adapter sends it (BookingMapper.createBody), on a host kept for this. */
    private static HttpTransport.Request directBooking(FakeCalCom fake, int doctors, long n) {
        int host = doctors + (int) (n % doctors);
        long k = n / doctors;
        var start = LocalDate.now(ZoneOffset.UTC)
                .plusDays(2 + k % 300)
                .atStartOfDay()
                .plusMinutes(30 * (k / 300));
        String body = ("{\"start\":\"%sZ\",\"eventTypeId\":%d,\"attendee\":{\"name\":\"Direct %d\",\"email\":"
                        + "\"direct-%d@bench.example\",\"timeZone\":\"UTC\"},\"metadata\":{\"appointment_number\":\"AID-00000000-%04d\"}}")
                .formatted(start, Clinic.calComEventType(host), n, n, n);
        return new HttpTransport.Request(
                "POST",
                "/v2/bookings",
                fake.apiKey(),
                body.getBytes(StandardCharsets.UTF_8),
                Map.of("cal-api-version", "2024-08-13"));
    }

    private static int portOf(String url) {
        return URI.create(url).getPort();
    }

    // ---- the database's own limit ----

    private void pgbench(ScratchDatabases databases) throws Exception {
        var executable = PgBench.executable();
        if (executable.isEmpty()) {
            String message = "pgbench is not on the PATH: the database's own limit was not measured (install "
                    + "postgresql-client, e.g. apt-get install postgresql-client-15)";
            System.out.println(message);
            findings.add(message);
            return;
        }
        System.out.println("pgbench (" + executable.get() + "): the SQL of one booking, on the app's schema");
        String url = databases.create("pgbench");
        try {
            pgbench = PgBench.run(executable.get(), databases, url, options, options.resultsDirectory(), "AID");
        } finally {
            databases.drop(url);
        }
    }

    // ---- helpers ----

    /** Load at 16 clients for twice the warm-up, not recorded: the JIT compiles the hot paths before level 1. */
    private void jitWarmup(String what, HttpTransport transport, ClosedLoop.Source source, AtomicLong answered) {
        var warm = ClosedLoop.run(
                "jit-warmup",
                16,
                Duration.ZERO,
                options.warmup().multipliedBy(2),
                transport,
                source,
                (request, response, measured) -> answered.incrementAndGet());
        System.out.printf(
                "  JIT warm-up, %s: %,d requests in %s, %d errors (not recorded)%n",
                what, warm.requests(), seconds(options.warmup().multipliedBy(2)), warm.errors());
    }

    /** Registers the clinic's doctors through the admin API, 8 at a time. */
    private void register(HttpTransport transport, Clinic clinic) throws Exception {
        String admin = tokens.token(UUID.randomUUID(), "ADMIN", "Bench admin");
        long t0 = System.nanoTime();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    try (var connection = transport.connect()) {
                        for (int i = first; i < clinic.doctorCount(); i += threads) {
                            var response = connection.send(
                                    HttpTransport.Request.post("/api/v1/admin/doctors", admin, clinic.registration(i)));
                            if (response.status() != 201) {
                                throw new IllegalStateException("registering doctor " + i + ": HTTP "
                                        + response.status() + " " + response.text());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (var future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(
                "  registered %d doctors through POST /api/v1/admin/doctors in %d ms%n",
                clinic.doctorCount(), (System.nanoTime() - t0) / 1_000_000);
    }

    private void record(LevelResult result) {
        results.add(result);
        System.out.printf(
                "  %-20s %3d clients: %,9.0f req/s, p50 %7.2f p95 %7.2f p99 %7.2f ms, %d errors%s; %s%n",
                result.scenario(),
                result.clients(),
                result.throughput(),
                result.p50(),
                result.p95(),
                result.p99(),
                result.errors(),
                result.errors() == 0 ? "" : " (" + result.errorSummary() + ")",
                result.usage());
        result.errorSamples()
                .forEach((status, body) ->
                        System.out.printf("    first answer with status %s: %s%n", status == -1 ? "io" : status, body));
    }

    private static long count(ScratchDatabases databases, String url, String sql) {
        try (var connection = databases.connect(url);
                var statement = connection.createStatement();
                var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
