package com.cureka.appointments.bench;

import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The figures of one scenario at one level of concurrency: every request started in the measured window, its
 * latency (send to last byte of the answer, in microseconds) and its status. Errors are every answer that is not
 * 2xx, counted by status; {@code -1} stands for a request that got no answer at all (I/O failure).
 */
record LevelResult(
        String scenario,
        int clients,
        long requests,
        Map<Integer, Long> errorsByStatus,
        Map<Integer, String> errorSamples,
        double seconds,
        Histogram latencyMicros,
        MachineLoad.Usage usage,
        String note) {

    long errors() {
        return errorsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Answers a second, errors included: the rate the clients were served at. */
    double throughput() {
        return seconds <= 0 ? 0 : requests / seconds;
    }

    /** 2xx answers a second. */
    double goodput() {
        return seconds <= 0 ? 0 : (requests - errors()) / seconds;
    }

    double percentileMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0
                ? Double.NaN
                : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    double p50() {
        return percentileMillis(50);
    }

    double p95() {
        return percentileMillis(95);
    }

    double p99() {
        return percentileMillis(99);
    }

    double maxMillis() {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0;
    }

    double meanMillis() {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMean() / 1000.0;
    }

    /**
     * CPU milliseconds the app's own JVMs spent per answer ({@code --app=process}): their cores × 1000 ÷ req/s;
     * NaN when the app shares the benchmark's JVM, whose figure also holds the clients'.
     */
    double appCpuMillisPerRequest() {
        double cores = usage.appCores();
        return Double.isNaN(cores) || throughput() <= 0 ? Double.NaN : cores * 1000 / throughput();
    }

    String errorSummary() {
        if (errorsByStatus.isEmpty()) {
            return "";
        }
        return new TreeMap<>(errorsByStatus)
                .entrySet().stream()
                        .map(e -> (e.getKey() == -1 ? "io" : e.getKey().toString()) + "x" + e.getValue())
                        .collect(Collectors.joining(" "));
    }

    LevelResult withNote(String newNote) {
        return new LevelResult(
                scenario, clients, requests, errorsByStatus, errorSamples, seconds, latencyMicros, usage, newNote);
    }
}
