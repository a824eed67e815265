package com.cureka.appointments.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load: {@code clients} threads, each with its own connection, each sending its next request as soon
 * as the previous answer is in. A warm-up (same load, not recorded) comes first, then the measured window. A
 * request counts when it started inside the window; requests still in flight at its end are waited for.
 *
 * <p>Closed loop means a slow answer delays the client's next request ("coordinated omission"): the latencies are
 * those the clients saw, and throughput adapts to the server. That is the brief's model; an open-loop generator at
 * a fixed arrival rate would show worse tails past saturation.
 */
final class ClosedLoop {
    /** Where the next request of client {@code client} comes from; called from that client's thread only. */
    @FunctionalInterface
    interface Source {
        HttpTransport.Request next(int client);
    }

    /** Every 2xx answer is reported here too (from the client's thread), e.g. to count bookings made. */
    @FunctionalInterface
    interface OnAnswer {
        void accept(HttpTransport.Request request, HttpTransport.Response response, boolean measured);
    }

    static final long HIGHEST_MICROS = Duration.ofMinutes(2).toNanos() / 1000;

    private ClosedLoop() {}

    /** Before each level: how quiet the machine must be, and how long to wait for it (see {@link MachineLoad#awaitQuiet}). */
    static volatile double quietThreshold = 0;

    static volatile Duration quietWait = Duration.ZERO;

    static LevelResult run(
            String scenario,
            int clients,
            Duration warmup,
            Duration duration,
            HttpTransport transport,
            Source source,
            OnAnswer onAnswer) {
        double busyBefore = MachineLoad.awaitQuiet(quietThreshold, quietWait);
        var perClient = new ArrayList<ClientTally>();
        var ready = new CountDownLatch(clients);
        var go = new CountDownLatch(1);
        var lastCompletion = new AtomicLong();
        long[] window = new long[2];
        var threads = new ArrayList<Thread>();
        MachineLoad.Usage usage;
        for (int c = 0; c < clients; c++) {
            var tally = new ClientTally();
            perClient.add(tally);
            int client = c;
            threads.add(Thread.ofPlatform().name("bench-client-" + c).daemon().start(() -> {
                try (var connection = transport.connect(client)) {
                    ready.countDown();
                    go.await();
                    long measureFrom = window[0];
                    long end = window[1];
                    while (true) {
                        long started = System.nanoTime();
                        if (started >= end) {
                            break;
                        }
                        var request = source.next(client);
                        HttpTransport.Response response;
                        try {
                            response = connection.send(request);
                        } catch (IOException e) {
                            response = null;
                            tally.noteError(-1, e.toString(), started >= measureFrom);
                        }
                        long finished = System.nanoTime();
                        boolean measured = started >= measureFrom;
                        if (measured) {
                            tally.requests++;
                            tally.latency.recordValue(
                                    Math.min(HIGHEST_MICROS, Math.max(1, (finished - started) / 1000)));
                            lastCompletion.accumulateAndGet(finished, Math::max);
                        }
                        if (response != null) {
                            if (response.ok()) {
                                onAnswer.accept(request, response, measured);
                            } else {
                                tally.noteError(response.status(), response.text(), measured);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try {
            ready.await();
            long now = System.nanoTime();
            window[0] = now + warmup.toNanos();
            window[1] = window[0] + duration.toNanos();
            go.countDown();
            sleepUntil(window[0]);
            var before = MachineLoad.sample();
            sleepUntil(window[1]);
            usage = MachineLoad.between(before, MachineLoad.sample()).withBusyBefore(busyBefore);
            for (var thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        var latency = new Histogram(HIGHEST_MICROS, 3);
        long requests = 0;
        var errors = new HashMap<Integer, Long>();
        var samples = new HashMap<Integer, String>();
        for (var tally : perClient) {
            latency.add(tally.latency);
            requests += tally.requests;
            tally.errors.forEach((status, n) -> errors.merge(status, n, Long::sum));
            tally.samples.forEach(samples::putIfAbsent);
        }
        long last = Math.max(window[1], lastCompletion.get());
        double seconds = (last - window[0]) / 1e9;
        return new LevelResult(scenario, clients, requests, errors, samples, seconds, latency, usage, "");
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    private static final class ClientTally {
        final Histogram latency = new Histogram(HIGHEST_MICROS, 3);
        final Map<Integer, Long> errors = new HashMap<>();
        final Map<Integer, String> samples = new HashMap<>();
        long requests;

        void noteError(int status, String body, boolean measured) {
            samples.putIfAbsent(status, body.length() > 300 ? body.substring(0, 300) + "…" : body);
            if (measured) {
                errors.merge(status, 1L, Long::sum);
            }
        }
    }
}
