package com.cureka.appointments.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one run does, from {@code --name=value} arguments (or {@code BENCH_NAME} environment variables; an argument
 * wins). {@code --quick} shortens every phase for a smoke run; the figures of a quick run are not the ones to quote.
 */
record Options(
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        List<Integer> levels,
        Duration warmup,
        Duration duration,
        Set<String> scenarios,
        String client,
        int doctors,
        int patientsPerDoctor,
        int days,
        int poolSize,
        int calComDoctors,
        Duration calComLatency,
        Duration pgbenchDuration,
        List<Integer> pgbenchLevels,
        boolean keepDatabases,
        String redisUrl,
        double quietThreshold,
        Duration quietWait,
        Path resultsDirectory,
        Path plot,
        String app,
        int instances) {

    static final Set<String> APP_MODES = Set.of("in-process", "process");

    static final Set<String> ALL_SCENARIOS = Set.of("book", "fhir", "webhooks", "list", "calcom", "pgbench");

    static final String HELP = """
            Usage: java -jar bench/target/bench.jar [--quick] [--name=value ...]
              --database-url=jdbc:postgresql://127.0.0.1:5432/test  a server where the benchmark may create databases
                                                                    (env BENCH_DATABASE_URL; user BENCH_DATABASE_USER,
                                                                    default postgres; BENCH_DATABASE_PASSWORD)
              --levels=1,16,64          concurrent closed-loop clients, one level after the other
              --warmup=5s --duration=10s  per level and scenario (quick: 2s / 4s)
              --scenarios=book,fhir,webhooks,list,calcom,pgbench   fhir: the same bookings through FHIR's
                                        Appointment/$book; webhooks: with 3 subscribers hearing of each (both
                                        run after book and are compared with it level by level)
              --client=raw|jdk          raw: a minimal keep-alive HTTP/1.1 client on a socket per client (default);
                                        jdk: java.net.http.HttpClient, a thread per client
              --doctors=500 --patients-per-doctor=20 --days=300   the data set of the built-in calendar scenarios
              --pool-size=32            DATABASE_POOL_SIZE of the app
              --redis-url=redis://127.0.0.1:6379  run the app with REDIS_URL (shared cache and limiter) instead of
                                        the in-process ones (default: none, as a single instance runs)
              --app=in-process|process  in-process: the app in the benchmark's JVM, beside the clients (default);
                                        process: each instance in a child JVM of the same JDK (bootstrap's Main,
                                        settings as environment variables), whose CPU per request is then reported
              --instances=1             app instances on the same database, client c talking to instance c mod n
                                        (in-process: all in the benchmark's JVM; without --redis-url each has its
                                        own cache and limiter)
              --calcom-doctors=200 --calcom-latency=100ms
              --pgbench-duration=10s --pgbench-levels=16,64
              --quiet-below=0.5 --quiet-wait=30s   on a shared machine, before each level wait (at most quiet-wait)
                                        until other processes keep at most that many cores busy (quick: no wait)
              --keep-databases          leave the scratch databases behind for a look
              --results=bench/results   where the CSV goes
              --plot=                   also draw the PNG there (e.g. docs/performance.png); always drawn into results
            """;

    static Options parse(String[] args, Map<String, String> env) {
        var values = new HashMap<String, String>();
        env.forEach((name, value) -> {
            if (name.startsWith("BENCH_")) {
                values.put(name.substring("BENCH_".length()).toLowerCase().replace('_', '-'), value);
            }
        });
        boolean quick = false;
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(HELP);
                System.exit(0);
            } else if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.equals("--keep-databases")) {
                values.put("keep-databases", "true");
            } else if (arg.startsWith("--") && arg.contains("=")) {
                values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg + "\n" + HELP);
            }
        }
        var scenarios = new LinkedHashSet<>(list(values.getOrDefault("scenarios", "book,list,calcom,pgbench")));
        if (!ALL_SCENARIOS.containsAll(scenarios)) {
            throw new IllegalArgumentException("--scenarios takes some of " + ALL_SCENARIOS + ", not " + scenarios);
        }
        String client = values.getOrDefault("client", "raw");
        if (!client.equals("raw") && !client.equals("jdk")) {
            throw new IllegalArgumentException("--client is raw or jdk, not " + client);
        }
        String plot = values.getOrDefault("plot", "");
        String app = values.getOrDefault("app", "in-process");
        if (!APP_MODES.contains(app)) {
            throw new IllegalArgumentException("--app is in-process or process, not " + app);
        }
        int instances = Integer.parseInt(values.getOrDefault("instances", "1"));
        if (instances < 1) {
            throw new IllegalArgumentException("--instances is at least 1, not " + instances);
        }
        return new Options(
                values.getOrDefault("database-url", "jdbc:postgresql://127.0.0.1:5432/test"),
                values.getOrDefault("database-user", "postgres"),
                values.get("database-password"),
                list(values.getOrDefault("levels", "1,16,64")).stream()
                        .map(Integer::parseInt)
                        .toList(),
                duration(values.getOrDefault("warmup", quick ? "2s" : "5s")),
                duration(values.getOrDefault("duration", quick ? "4s" : "10s")),
                scenarios,
                client,
                Integer.parseInt(values.getOrDefault("doctors", "500")),
                Integer.parseInt(values.getOrDefault("patients-per-doctor", "20")),
                Integer.parseInt(values.getOrDefault("days", "300")),
                Integer.parseInt(values.getOrDefault("pool-size", "32")),
                Integer.parseInt(values.getOrDefault("calcom-doctors", "200")),
                duration(values.getOrDefault("calcom-latency", "100ms")),
                duration(values.getOrDefault("pgbench-duration", quick ? "4s" : "10s")),
                list(values.getOrDefault("pgbench-levels", "16,64")).stream()
                        .map(Integer::parseInt)
                        .toList(),
                Boolean.parseBoolean(values.getOrDefault("keep-databases", "false")),
                values.get("redis-url"),
                Double.parseDouble(values.getOrDefault("quiet-below", "0.5")),
                duration(values.getOrDefault("quiet-wait", quick ? "0s" : "30s")),
                Path.of(values.getOrDefault("results", "bench/results")),
                plot.isBlank() ? null : Path.of(plot),
                app,
                instances);
    }

    /** {@code --app=process}: each app instance in a child JVM of its own. */
    boolean appInChildJvms() {
        return app.equals("process");
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    /** {@code 10s}, {@code 500ms}, {@code 2m}, or a plain number of seconds. */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
    }

    private static List<String> list(String text) {
        return new ArrayList<>(Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList());
    }
}
