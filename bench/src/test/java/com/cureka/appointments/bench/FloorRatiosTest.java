package com.cureka.appointments.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each figure is divided by its own floor at its own client count, and a figure without one gets no ratio. */
class FloorRatiosTest {
    @Test
    void bookingsAreJudgedByThePgbenchFloorAndListingsByTheHttpFloorAtTheSameClientCount() {
        var results = List.of(
                level("book", 16, 500),
                level("book", 64, 600),
                level(FloorRatios.HTTP_FLOOR, 16, 8000),
                level("list-cached", 16, 4000),
                level("list-cached", 64, 3000),
                level("calcom-book", 16, 140));
        var pgbench = List.of(
                new PgBench.Run(Floor.SCRIPT, 16, 2000, 20000, 0, 8, null),
                new PgBench.Run(Floor.SCRIPT, 64, 1500, 15000, 0, 40, null),
                new PgBench.Run("booking-transaction", 16, 1000, 10000, 0, 16, null));
        var floors = new FloorRatios(results, pgbench);

        assertThat(floors.ratio(results.get(0)))
                .hasValueSatisfying(r -> assertThat(r).isCloseTo(0.25, within(1e-9)));
        assertThat(floors.ratio(results.get(1)))
                .hasValueSatisfying(r -> assertThat(r).isCloseTo(0.4, within(1e-9)));
        assertThat(floors.ratio(results.get(3)))
                .hasValueSatisfying(r -> assertThat(r).isCloseTo(0.5, within(1e-9)));
        assertThat(floors.ratio(results.get(4))).isEmpty(); // no HTTP floor at 64 clients in this run
        assertThat(floors.ratio(results.get(5))).isEmpty();
        assertThat(floors.ratio(pgbench.get(2)))
                .hasValueSatisfying(r -> assertThat(r).isCloseTo(0.5, within(1e-9)));
        assertThat(floors.ratio(pgbench.get(0))).isEmpty();
    }

    private static LevelResult level(String scenario, int clients, long perSecond) {
        var latency = new Histogram(ClosedLoop.HIGHEST_MICROS, 3);
        latency.recordValue(1000);
        return new LevelResult(
                scenario,
                clients,
                perSecond * 10,
                Map.of(),
                Map.of(),
                10,
                latency,
                new MachineLoad.Usage(1, 2, 3, 0, Double.NaN),
                "");
    }
}
