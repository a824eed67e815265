package com.cureka.appointments.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The printed table, the pgbench ratios, the targets, and the CSV. */
final class Report {
    static final double TARGET_CALCOM_OVERHEAD_P99_MILLIS = 10;

    private final Options options;
    private final String runId;
    private final ZonedDateTime started;
    private final List<LevelResult> results;
    private final List<PgBench.Run> pgbench;
    private final List<String> findings;

    Report(
            Options options,
            String runId,
            ZonedDateTime started,
            List<LevelResult> results,
            List<PgBench.Run> pgbench,
            List<String> findings) {
        this.options = options;
        this.runId = runId;
        this.started = started;
        this.results = results;
        this.pgbench = pgbench;
        this.findings = findings;
    }

    void print(PrintStream out) {
        out.println();
        out.printf(
                "Results of run %s (%s UTC), %d cores; latency = send to last byte, ms; errors = answers not 2xx%n",
                runId, started.toLocalDateTime().withNano(0), MachineLoad.CORES);
        var floors = new FloorRatios(results, pgbench);
        String line = "-".repeat(168);
        out.println(line);
        out.printf(
                "%-20s %7s %9s %7s %10s %9s %8s %8s %8s %8s %13s %14s   %-40s%n",
                "scenario",
                "clients",
                "requests",
                "errors",
                "req/s",
                "× floor",
                "p50",
                "p95",
                "p99",
                "max",
                "app JVM cores",
                "app CPU ms/req",
                "cores busy: bench JVM / machine (others before)");
        out.println(line);
        for (var r : results) {
            out.printf(
                    Locale.ROOT,
                    "%-20s %7d %9d %7d %10.0f %9s %8.2f %8.2f %8.2f %8.2f %13s %14s   %.2f / %.2f (%.2f)%s%n",
                    r.scenario(),
                    r.clients(),
                    r.requests(),
                    r.errors(),
                    r.throughput(),
                    floors.ratio(r).map(x -> "%.2f".formatted(x)).orElse("-"),
                    r.p50(),
                    r.p95(),
                    r.p99(),
                    r.maxMillis(),
                    orBlank(r.usage().appCores(), "%.2f"),
                    orBlank(r.appCpuMillisPerRequest(), "%.3f"),
                    r.usage().processCores(),
                    r.usage().machineCores(),
                    r.usage().busyBefore(),
                    r.errors() == 0 ? "" : "  errors: " + r.errorSummary());
        }
        out.println(line);
        out.println(
                "× floor: bookings ÷ pgbench floor tps (one INSERT, both exclusion constraints) at the same clients;"
                        + " listings ÷ " + FloorRatios.HTTP_FLOOR + " req/s (the HTTP floor) at the same clients");
        if (results.stream().anyMatch(r -> !Double.isNaN(r.usage().appCores()))) {
            out.println("app JVM cores: CPU of the app's child JVMs together (utime + stime of /proc/<pid>/stat) over"
                    + " the measured window; app CPU ms/req = app JVM cores × 1000 ÷ req/s; bench JVM: the load"
                    + " generator alone (and the fakes)");
        }
        results.stream()
                .filter(r -> !r.note().isEmpty())
                .forEach(r -> out.printf("%s at %d clients: %s%n", r.scenario(), r.clients(), r.note()));

        if (!pgbench.isEmpty()) {
            out.println();
            out.println("pgbench, the database's own limit (same server, app's schema, -M prepared, -j 2):");
            for (var run : pgbench) {
                out.printf(
                        Locale.ROOT,
                        "  %-20s %3d clients: %s%n",
                        run.script(),
                        run.clients(),
                        run.ok()
                                ? "%8.0f tps (%d transactions, %d failed, latency average %.2f ms)%s"
                                        .formatted(
                                                run.tps(),
                                                run.transactions(),
                                                run.failed(),
                                                run.latencyAverageMillis(),
                                                floors.ratio(run)
                                                        .map(x -> "; %.2f × the floor".formatted(x))
                                                        .orElse(""))
                                : "FAILED " + run.error());
            }
            for (var run : pgbench) {
                booking(run.clients())
                        .filter(b -> run.ok() && run.tps() > 0)
                        .ifPresent(b -> out.printf(
                                Locale.ROOT,
                                "  our bookings/s at %d clients ÷ pgbench %s at %d clients: %.0f / %.0f = %.2f%n",
                                b.clients(),
                                run.script(),
                                run.clients(),
                                b.goodput(),
                                run.tps(),
                                b.goodput() / run.tps()));
            }
        }
        out.println();
        out.println("Targets (2 cores, load generator on the same machine):");
        for (String target : targets()) {
            out.println("  " + target);
        }
        if (!findings.isEmpty()) {
            out.println();
            findings.forEach(f -> out.println(f));
        }
        out.println();
    }

    /** Issue 15's targets, each a ratio to a floor of the same run (medians of 3 runs are for the docs to take). */
    List<String> targets() {
        var floors = new FloorRatios(results, pgbench);
        var lines = new ArrayList<String>();
        ratioTarget(lines, floors, "book", 16, 0.5);
        ratioTarget(lines, floors, "book", 64, 0.45);
        p99Target(lines, 16, 25);
        p99Target(lines, 64, 120);
        ratioTarget(lines, floors, "list-cached", 16, 0.6);
        ratioTarget(lines, floors, "list-uncached", 16, 0.3);
        results.stream()
                .filter(r -> r.scenario().equals("book-after-listings"))
                .findFirst()
                .ifPresent(after -> booking(after.clients())
                        .filter(b -> b.goodput() > 0)
                        .ifPresent(b -> lines.add(verdict(
                                after.goodput() >= 0.95 * b.goodput(),
                                "book-after-listings ≥ 0.95 × book at %d clients: %.2f ×"
                                        .formatted(after.clients(), after.goodput() / b.goodput())))));
        long errors = results.stream().mapToLong(LevelResult::errors).sum();
        lines.add(verdict(errors == 0, "0 errors: %d".formatted(errors)));
        double base = options.calComLatency().toNanos() / 1e6;
        results.stream()
                .filter(r -> r.scenario().equals("calcom-book"))
                .forEach(r -> lines.add(verdict(
                        r.p99() - base <= TARGET_CALCOM_OVERHEAD_P99_MILLIS,
                        "app's overhead over Cal.com at %d clients, p99 ≤ %.0f ms: %.1f ms"
                                .formatted(r.clients(), TARGET_CALCOM_OVERHEAD_P99_MILLIS, r.p99() - base))));
        return lines;
    }

    private void ratioTarget(List<String> lines, FloorRatios floors, String scenario, int clients, double target) {
        results.stream()
                .filter(r -> r.scenario().equals(scenario) && r.clients() == clients)
                .findFirst()
                .ifPresent(r -> floors.floorOf(scenario, clients)
                        .ifPresentOrElse(
                                f -> lines.add(verdict(
                                        r.goodput() >= target * f.perSecond(),
                                        "%s at %d clients ≥ %.2f × %s: %.2f × (%.0f/s ÷ %.0f/s)"
                                                .formatted(
                                                        scenario,
                                                        clients,
                                                        target,
                                                        f.name(),
                                                        r.goodput() / f.perSecond(),
                                                        r.goodput(),
                                                        f.perSecond()))),
                                () -> lines.add("%s at %d clients: no floor measured in this run"
                                        .formatted(scenario, clients))));
    }

    private void p99Target(List<String> lines, int clients, double millis) {
        booking(clients)
                .ifPresent(b -> lines.add(verdict(
                        b.p99() <= millis,
                        "booking p99 at %d clients ≤ %.0f ms: %.2f ms".formatted(clients, millis, b.p99()))));
    }

    private static String verdict(boolean met, String text) {
        return (met ? "[met]     " : "[NOT MET] ") + text;
    }

    private Optional<LevelResult> booking(int clients) {
        return results.stream()
                .filter(r -> r.scenario().equals("book") && r.clients() == clients)
                .findFirst();
    }

    void writeCsv(Path file) throws IOException {
        var lines = new ArrayList<String>();
        lines.add("run,scenario,clients,requests,errors,errors_by_status,seconds,throughput_per_s,ok_per_s,"
                + "p50_ms,p95_ms,p99_ms,max_ms,mean_ms,bench_jvm_cores,machine_busy_cores,others_busy_before_cores,load_average,"
                + "app_jvm_cores,app_cpu_ms_per_request,floor,floor_per_s,ratio_to_floor,note");
        var floors = new FloorRatios(results, pgbench);
        for (var r : results) {
            var floor = floors.floorOf(r.scenario(), r.clients());
            lines.add(String.format(
                    Locale.ROOT,
                    "%s,%s,%d,%d,%d,%s,%.3f,%.1f,%.1f,%.3f,%.3f,%.3f,%.3f,%.3f,%.2f,%.2f,%.2f,%.2f,%s,%s,%s,%s,%s,%s",
                    runId,
                    r.scenario(),
                    r.clients(),
                    r.requests(),
                    r.errors(),
                    r.errorSummary(),
                    r.seconds(),
                    r.throughput(),
                    r.goodput(),
                    r.p50(),
                    r.p95(),
                    r.p99(),
                    r.maxMillis(),
                    r.meanMillis(),
                    r.usage().processCores(),
                    r.usage().machineCores(),
                    r.usage().busyBefore(),
                    r.usage().loadAverage(),
                    orBlank(r.usage().appCores(), "%.3f"),
                    orBlank(r.appCpuMillisPerRequest(), "%.4f"),
                    floor.map(FloorRatios.Reference::name).orElse(""),
                    floor.map(f -> String.format(Locale.ROOT, "%.1f", f.perSecond()))
                            .orElse(""),
                    floors.ratio(r)
                            .map(x -> String.format(Locale.ROOT, "%.3f", x))
                            .orElse(""),
                    quote(r.note())));
        }
        for (var run : pgbench) {
            lines.add(String.format(
                    Locale.ROOT,
                    "%s,pgbench-%s,%d,%d,%d,,%.3f,%.1f,%.1f,,,,,%.3f,,,,,,,%s,%s,%s,%s",
                    runId,
                    run.script(),
                    run.clients(),
                    run.transactions(),
                    run.failed(),
                    (double) options.pgbenchDuration().toSeconds(),
                    run.tps(),
                    run.tps(),
                    run.latencyAverageMillis(),
                    floors.ratio(run).isPresent() ? "pgbench floor" : "",
                    "",
                    floors.ratio(run)
                            .map(x -> String.format(Locale.ROOT, "%.3f", x))
                            .orElse(""),
                    quote(run.ok() ? "" : run.error())));
        }
        Files.write(file, lines);
    }

    /** A figure the app in this JVM has none of (NaN) as an empty cell. */
    private static String orBlank(double value, String format) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value);
    }

    private static String quote(String text) {
        return text == null || text.isEmpty() ? "" : "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
