package com.cureka.appointments.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The one fast check of the module: the figures a level prints are the ones its recordings hold. */
class LevelResultTest {

    @Test
    void percentiles_throughput_and_errors_come_from_the_recordings() {
        var latency = new Histogram(ClosedLoop.HIGHEST_MICROS, 3);
        for (int millis = 1; millis <= 100; millis++) { // 1 ms .. 100 ms, once each
            latency.recordValue(millis * 1000L);
        }
        var result = new LevelResult(
                "book",
                16,
                100,
                Map.of(409, 2L, -1, 1L),
                Map.of(),
                2.0,
                latency,
                new MachineLoad.Usage(1, 2, 3, 0.1),
                "");

        assertThat(result.p50()).isCloseTo(50, within(0.1));
        assertThat(result.p95()).isCloseTo(95, within(0.1));
        assertThat(result.p99()).isCloseTo(99, within(0.1));
        assertThat(result.maxMillis()).isCloseTo(100, within(0.1));
        assertThat(result.throughput()).isEqualTo(50);
        assertThat(result.errors()).isEqualTo(3);
        assertThat(result.goodput()).isEqualTo(48.5);
        assertThat(result.errorSummary()).isEqualTo("iox1 409x2");
    }

    @Test
    void durations_read_as_written() {
        assertThat(Options.duration("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Options.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Options.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Options.duration("1.5")).isEqualTo(Duration.ofMillis(1500));
    }
}
