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
                new MachineLoad.Usage(1, 2, 3, 0.1, Double.NaN),
                "");

        assertThat(result.p50()).isCloseTo(50, within(0.1));
        assertThat(result.p95()).isCloseTo(95, within(0.1));
        assertThat(result.p99()).isCloseTo(99, within(0.1));
        assertThat(result.maxMillis()).isCloseTo(100, within(0.1));
        assertThat(result.throughput()).isEqualTo(50);
        assertThat(result.errors()).isEqualTo(3);
        assertThat(result.goodput()).isEqualTo(48.5);
        assertThat(result.errorSummary()).isEqualTo("iox1 409x2");
        assertThat(result.appCpuMillisPerRequest()).isNaN(); // the app in the benchmark's JVM: no figure of its own
    }

    @Test
    void app_cpu_per_request_is_the_app_jvms_cores_over_the_answers_a_second() {
        var result = new LevelResult(
                "book",
                16,
                1000,
                Map.of(),
                Map.of(),
                2.0,
                new Histogram(ClosedLoop.HIGHEST_MICROS, 3),
                new MachineLoad.Usage(0.4, 1.9, 3, 0.1, 1.25),
                "");

        assertThat(result.appCpuMillisPerRequest()).isCloseTo(2.5, within(1e-9)); // 1.25 cores ÷ 500/s
    }

    @Test
    void durations_read_as_written() {
        assertThat(Options.duration("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Options.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Options.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Options.duration("1.5")).isEqualTo(Duration.ofMillis(1500));
    }
}
