package com.cureka.appointments.bench;

import com.cureka.appointments.adapters.postgres.PostgresDatabase;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The database's own limit on this machine: pgbench runs the SQL of one booking, as the app issues it, against the
 * app's own schema (its Flyway migrations) in a scratch database. Two scripts: the booking transaction alone
 * (number from the day's sequence, then patient upsert + capped insert + audit line in one transaction), and the
 * whole SQL of one booking request: the same preceded by the doctor lookup and followed by the audit-trail read
 * that the HTTP answer shows (7 round trips, as the app makes them; checked against the driver's protocol trace).
 */
final class PgBench {
    static final int DOCTORS_PER_CLIENT = 8;
    static final int PATIENTS_PER_DOCTOR = 20;
    static final int CAP = 1000;

    record Run(
            String script,
            int clients,
            double tps,
            long transactions,
            long failed,
            double latencyAverageMillis,
            String error) {
        boolean ok() {
            return error == null;
        }
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern TRANSACTIONS = Pattern.compile("number of transactions actually processed: (\\d+)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private PgBench() {}

    static Optional<Path> executable() {
        String path = System.getenv("PATH");
        var candidates = new ArrayList<Path>();
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                candidates.add(Path.of(dir, "pgbench"));
            }
        }
        candidates.add(Path.of("/usr/bin/pgbench"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** Prepares the scratch database and runs every script at every level; the database is dropped by the caller. */
    static List<Run> run(
            Path pgbench,
            ScratchDatabases databases,
            String url,
            Options options,
            Path workDirectory,
            String numberPrefix)
            throws Exception {
        PostgresDatabase.migrate(databases.dataSource(url));
        int maxClients = options.pgbenchLevels().stream()
                .mapToInt(Integer::intValue)
                .max()
                .orElse(64);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String day = today.format(DateTimeFormatter.BASIC_ISO_DATE);
        String sequence = "appointment_number_seq_" + day;
        boolean history;
        try (var connection = databases.connect(url);
                var statement = connection.createStatement()) {
            // Doctors as RegisterDoctor stores them, ids derived from a number so that the script can name them.
            statement.execute("""
                    INSERT INTO doctors (id, name, specialty, email, time_zone, working_hours, slot_interval_minutes)
                    SELECT CAST(lpad(to_hex(CAST(d AS bigint)), 8, '0') || '-0000-4000-8000-000000000000' AS uuid),
                           'Dr. Bench ' || d, 'General practice', 'dr' || d || '@bench.example', 'UTC',
                           '{"monday": [{"start": "00:00", "end": "23:30"}]}', 30
                      FROM generate_series(0, %d) AS d
                    """.formatted(maxClients * DOCTORS_PER_CLIENT));
            // Patients as their first booking registers them: the script books for known patients, as the app does
            // for every booking after a patient's first (Holds.atOnce).
            statement.execute(
                    """
                    INSERT INTO patients (id, name, email, created_at, updated_at, holds)
                    SELECT CAST(lpad(to_hex(CAST(p AS bigint)), 8, '0') || '-0000-4000-8000-000000000000' AS uuid),
                           'Bench patient ' || p, NULL, now(), now(), 1
                      FROM generate_series(0, %d) AS p
                    """.formatted((maxClients * DOCTORS_PER_CLIENT + DOCTORS_PER_CLIENT) * PATIENTS_PER_DOCTOR));
            statement.execute("CREATE SEQUENCE IF NOT EXISTS " + sequence + " AS bigint START 1");
            try (var rs = statement.executeQuery("SELECT to_regclass('appointment_history') IS NOT NULL")) {
                rs.next();
                history = rs.getBoolean(1);
            }
        }
        String template = resource("/pgbench/booking-transaction.sql")
                .replace("{{HISTORY}}", "")
                .replace("{{SEQUENCE}}", sequence)
                .replace("{{PREFIX}}", numberPrefix)
                .replace("{{DAY}}", day)
                .replace("{{CAP}}", Integer.toString(CAP))
                .replace("{{FIRST_SLOT}}", firstSlot(today));
        Files.createDirectories(workDirectory);
        Path transaction = workDirectory.resolve("pgbench-booking-transaction.sql");
        Path request = workDirectory.resolve("pgbench-booking-request.sql");
        Files.writeString(
                transaction,
                template.replace("{{DOCTOR_LOOKUP}}", "-- (the doctor lookup: see pgbench-booking-request.sql)")
                        .replace("{{AFTER}}", ""));
        // A request also reads its doctor when the app's 5-second doctor cache misses; the answer no longer reads the
        // audit trail back.
        Files.writeString(
                request, template.replace("{{DOCTOR_LOOKUP}}", DOCTOR_LOOKUP).replace("{{AFTER}}", ""));

        Path floor = Floor.prepare(databases, url, workDirectory, firstSlot(today));

        var runs = new ArrayList<Run>();
        long base = 0;
        for (var script : List.of(floor, transaction, request)) {
            String name =
                    script.getFileName().toString().replace("pgbench-", "").replace(".sql", "");
            // The floor at every client count either side measures, so that each figure has its own at the same count.
            var levels = script == floor ? Floor.levels(options) : options.pgbenchLevels();
            for (int clients : levels) {
                base += 10_000_000L; // a fresh range of slot indexes for each run: no collision with earlier rows
                MachineLoad.awaitQuiet(options.quietThreshold(), options.quietWait());
                long rowsBefore = script == floor ? 0 : appointments(databases, url);
                runs.add(once(pgbench, databases, url, script, name, clients, options.pgbenchDuration(), base));
                var last = runs.getLast();
                long booked = script == floor ? last.transactions() : appointments(databases, url) - rowsBefore;
                if (last.ok() && booked != last.transactions()) {
                    // A booking statement that matched nothing still "succeeds" for pgbench: say so, never quote it.
                    System.out.printf(
                            "  WARNING: %s booked %d rows in %d transactions%n", name, booked, last.transactions());
                }
                System.out.printf(
                        "  pgbench %-20s %3d clients: %s%n",
                        name,
                        clients,
                        last.ok()
                                ? "%.0f tps, %d transactions, %d failed, latency average %.2f ms"
                                        .formatted(
                                                last.tps(),
                                                last.transactions(),
                                                last.failed(),
                                                last.latencyAverageMillis())
                                : "FAILED: " + last.error());
            }
        }
        return runs;
    }

    private static long appointments(ScratchDatabases databases, String url) throws Exception {
        try (var connection = databases.connect(url);
                var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT count(*) FROM appointments")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String firstSlot(LocalDate today) {
        return today.plusDays(2).atStartOfDay().atOffset(ZoneOffset.UTC).toString();
    }

    private static Run once(
            Path pgbench,
            ScratchDatabases databases,
            String url,
            Path script,
            String name,
            int clients,
            Duration duration,
            long base)
            throws IOException, InterruptedException {
        String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        var command = List.of(
                pgbench.toString(),
                "-n",
                "-M",
                "prepared",
                "-f",
                script.toString(),
                "-c",
                Integer.toString(clients),
                "-j",
                "2",
                "-T",
                Long.toString(Math.max(1, duration.toSeconds())),
                "-D",
                "n=0",
                "-D",
                "base=" + base,
                "-h",
                databases.host(),
                "-p",
                Integer.toString(databases.port()),
                "-U",
                databases.user(),
                database);
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (databases.password() != null) {
            builder.environment().put("PGPASSWORD", databases.password());
        }
        var process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(name, clients, 0, 0, 0, 0, "timed out");
        }
        var tps = TPS.matcher(output);
        if (process.exitValue() != 0 || !tps.find()) {
            String reason = output.lines()
                    .filter(l -> l.contains("ERROR") || l.contains("error") || l.contains("FATAL"))
                    .findFirst()
                    .orElseGet(() -> output.lines()
                            .filter(l -> !l.isBlank())
                            .reduce((a, b) -> b)
                            .orElse(""));
            return new Run(name, clients, 0, 0, 0, 0, "exit " + process.exitValue() + ": " + reason.strip());
        }
        var transactions = TRANSACTIONS.matcher(output);
        var failed = FAILED.matcher(output);
        var latency = LATENCY.matcher(output);
        return new Run(
                name,
                clients,
                Double.parseDouble(tps.group(1)),
                transactions.find() ? Long.parseLong(transactions.group(1)) : 0,
                failed.find() ? Long.parseLong(failed.group(1)) : 0,
                latency.find() ? Double.parseDouble(latency.group(1)) : 0,
                null);
    }

    private static final String DOCTOR_LOOKUP = """
            -- BookAppointment first reads the doctor (JdbiDoctors.byId), outside the transaction.
            SELECT id, name, specialty, email, time_zone, working_hours, slot_interval_minutes, time_off,
                   calendar_username, calendar_event_types, active
              FROM doctors
             WHERE id = CAST(lpad(to_hex(CAST(:doctor AS bigint)), 8, '0') || '-0000-4000-8000-000000000000' AS uuid);""";

    private static final String HISTORY_READ = """
            -- The HTTP answer shows the appointment with its audit trail (AppointmentViews.one → JdbiAppointments.history).
            SELECT number, at, actor, action, from_status, to_status,
                   from_starts_at, from_ends_at, to_starts_at, to_ends_at, reason
              FROM appointment_history
             WHERE number = {{NUMBER}}
             ORDER BY id;""";

    private static final String HISTORY = """
            INSERT INTO appointment_history (number, at, actor, action, from_status, to_status,
                                             from_starts_at, from_ends_at, to_starts_at, to_ends_at, reason)
            VALUES ('{{PREFIX}}-{{DAY}}-' || lpad(CAST(:seq AS text), greatest(4, length(CAST(:seq AS text))), '0'), now(),
                    'patient:' || lpad(to_hex(CAST(:patient AS bigint)), 8, '0') || '-0000-4000-8000-000000000000',
                    'BOOKED', NULL, 'SCHEDULED', NULL, NULL,
                    CAST('{{FIRST_SLOT}}' AS timestamptz) + CAST(:slot AS bigint) * interval '30 minutes',
                    CAST('{{FIRST_SLOT}}' AS timestamptz) + CAST(:slot AS bigint) * interval '30 minutes' + interval '30 minutes',
                    NULL);""";

    static String resource(String name) throws IOException {
        try (InputStream in = PgBench.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
