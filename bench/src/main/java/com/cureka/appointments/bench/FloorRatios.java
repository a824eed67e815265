package com.cureka.appointments.bench;

import java.util.List;
import java.util.Optional;

/**
 * Which floor each figure is judged against, and the ratio: bookings against the pgbench floor
 * ({@link Floor}) at the same client count, listings against {@code GET /health/live} over the same HTTP client
 * at the same client count (the HTTP floor: Jetty, Javalin, the filters and the client, no work). Figures of one
 * run only, so that the machine's mood cancels out.
 */
final class FloorRatios {
    static final String HTTP_FLOOR = "health-live";

    /** A figure's floor: its name and rate at that client count. */
    record Reference(String name, double perSecond) {}

    private final List<LevelResult> results;
    private final List<PgBench.Run> pgbench;

    FloorRatios(List<LevelResult> results, List<PgBench.Run> pgbench) {
        this.results = results;
        this.pgbench = pgbench;
    }

    Optional<Reference> floorOf(String scenario, int clients) {
        if (scenario.equals("book") || scenario.equals("book-after-listings")) {
            return pgbench.stream()
                    .filter(r -> r.ok() && r.tps() > 0 && r.script().equals(Floor.SCRIPT) && r.clients() == clients)
                    .findFirst()
                    .map(r -> new Reference("pgbench floor", r.tps()));
        }
        if (scenario.startsWith("list-")) {
            return results.stream()
                    .filter(r -> r.scenario().equals(HTTP_FLOOR) && r.clients() == clients && r.goodput() > 0)
                    .findFirst()
                    .map(r -> new Reference("HTTP floor", r.goodput()));
        }
        return Optional.empty();
    }

    /** 2xx answers a second ÷ the floor's rate, or empty when the figure has no floor in this run. */
    Optional<Double> ratio(LevelResult result) {
        return floorOf(result.scenario(), result.clients()).map(f -> result.goodput() / f.perSecond());
    }

    /** A pgbench script's tps ÷ the pgbench floor's at the same client count. */
    Optional<Double> ratio(PgBench.Run run) {
        if (!run.ok() || run.script().equals(Floor.SCRIPT)) {
            return Optional.empty();
        }
        return pgbench.stream()
                .filter(r -> r.ok() && r.tps() > 0 && r.script().equals(Floor.SCRIPT) && r.clients() == run.clients())
                .findFirst()
                .map(f -> run.tps() / f.tps());
    }
}
