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
    static final double TARGET_BOOKINGS_PER_SECOND = 5_000;
    static final double TARGET_BOOKING_P99_MILLIS = 25;
    static final double TARGET_PGBENCH_RATIO = 0.3;
    static final double TARGET_CACHED_LISTINGS_PER_SECOND = 15_000;
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
        String line = "-".repeat(128);
        out.println(line);
        out.printf(
                "%-20s %7s %9s %7s %10s %8s %8s %8s %8s   %-40s%n",
                "scenario",
                "clients",
                "requests",
                "errors",
                "req/s",
                "p50",
                "p95",
                "p99",
                "max",
                "cores busy: bench JVM / machine (others before)");
        out.println(line);
        for (var r : results) {
            out.printf(
                    Locale.ROOT,
                    "%-20s %7d %9d %7d %10.0f %8.2f %8.2f %8.2f %8.2f   %.2f / %.2f (%.2f)%s%n",
                    r.scenario(),
                    r.clients(),
                    r.requests(),
                    r.errors(),
                    r.throughput(),
                    r.p50(),
                    r.p95(),
                    r.p99(),
                    r.maxMillis(),
                    r.usage().processCores(),
                    r.usage().machineCores(),
                    r.usage().busyBefore(),
                    r.errors() == 0 ? "" : "  errors: " + r.errorSummary());
        }
        out.println(line);
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
                                ? "%8.0f tps (%d transactions, %d failed, latency average %.2f ms)"
                                        .formatted(
                                                run.tps(), run.transactions(), run.failed(), run.latencyAverageMillis())
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

    List<String> targets() {
        var lines = new ArrayList<String>();
        int top = 64;
        var book = booking(top);
        book.ifPresentOrElse(
                b -> {
                    lines.add(verdict(
                            b.goodput() >= TARGET_BOOKINGS_PER_SECOND,
                            "bookings at %d clients ≥ %.0f/s: %.0f/s"
                                    .formatted(top, TARGET_BOOKINGS_PER_SECOND, b.goodput())));
                    lines.add(verdict(
                            b.p99() <= TARGET_BOOKING_P99_MILLIS,
                            "booking p99 at %d clients ≤ %.0f ms: %.2f ms"
                                    .formatted(top, TARGET_BOOKING_P99_MILLIS, b.p99())));
                    pgbench.stream()
                            .filter(r ->
                                    r.ok() && r.clients() == top && r.script().equals("booking-transaction"))
                            .findFirst()
                            .ifPresent(r -> lines.add(verdict(
                                    b.goodput() >= TARGET_PGBENCH_RATIO * r.tps(),
                                    "bookings ≥ %.1f × pgbench at %d clients: %.2f × (%.0f tps)"
                                            .formatted(TARGET_PGBENCH_RATIO, top, b.goodput() / r.tps(), r.tps()))));
                },
                () -> lines.add("bookings at 64 clients: not measured in this run"));
        results.stream()
                .filter(r -> r.scenario().equals("list-cached"))
                .max(java.util.Comparator.comparingDouble(LevelResult::goodput))
                .ifPresent(r -> lines.add(verdict(
                        r.goodput() >= TARGET_CACHED_LISTINGS_PER_SECOND,
                        "cached listings ≥ %.0f/s: best %.0f/s (at %d clients)"
                                .formatted(TARGET_CACHED_LISTINGS_PER_SECOND, r.goodput(), r.clients()))));
        double base = options.calComLatency().toNanos() / 1e6;
        results.stream()
                .filter(r -> r.scenario().equals("calcom-book"))
                .forEach(r -> lines.add(verdict(
                        r.p99() - base <= TARGET_CALCOM_OVERHEAD_P99_MILLIS,
                        "app's overhead over Cal.com at %d clients, p99 ≤ %.0f ms: %.1f ms"
                                .formatted(r.clients(), TARGET_CALCOM_OVERHEAD_P99_MILLIS, r.p99() - base))));
        return lines;
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
        lines.add(
                "run,scenario,clients,requests,errors,errors_by_status,seconds,throughput_per_s,ok_per_s,"
                        + "p50_ms,p95_ms,p99_ms,max_ms,mean_ms,bench_jvm_cores,machine_busy_cores,others_busy_before_cores,load_average,note");
        for (var r : results) {
            lines.add(String.format(
                    Locale.ROOT,
                    "%s,%s,%d,%d,%d,%s,%.3f,%.1f,%.1f,%.3f,%.3f,%.3f,%.3f,%.3f,%.2f,%.2f,%.2f,%.2f,%s",
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
                    quote(r.note())));
        }
        for (var run : pgbench) {
            lines.add(String.format(
                    Locale.ROOT,
                    "%s,pgbench-%s,%d,%d,%d,,%.3f,%.1f,%.1f,,,,,%.3f,,,,,%s",
                    runId,
                    run.script(),
                    run.clients(),
                    run.transactions(),
                    run.failed(),
                    (double) options.pgbenchDuration().toSeconds(),
                    run.tps(),
                    run.tps(),
                    run.latencyAverageMillis(),
                    quote(run.ok() ? "" : run.error())));
        }
        Files.write(file, lines);
    }

    private static String quote(String text) {
        return text == null || text.isEmpty() ? "" : "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
