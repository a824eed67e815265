package com.cureka.appointments.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The integrators' side of the webhook scenario: an HTTP server in the benchmark's JVM that answers every delivery
 * {@code 204} at once and counts them, so that what is measured is the app's cost of fanning events out. Each
 * delivery's latency is the time from the change (the body's {@code timestamp}, when the booking committed) to its
 * arrival here: the outbox's poll, the fan-out into deliveries, the queue and the send, as an integrator sees it.
 */
final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicLong received = new AtomicLong();
    private final Histogram latencyMicros = new ConcurrentHistogram(3);

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() throws IOException {
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        var receiver = new WebhookReceiver(server);
        server.createContext("/", exchange -> {
            var arrived = Instant.now();
            byte[] body = exchange.getRequestBody().readAllBytes();
            receiver.received.incrementAndGet();
            try {
                var changed =
                        Instant.parse(JSON.readTree(body).path("timestamp").asText());
                receiver.latencyMicros.recordValue(
                        Math.max(0, Duration.between(changed, arrived).toNanos() / 1000));
            } catch (IOException | RuntimeException notAnEvent) {
                // counted, not timed
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return receiver;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The delivery latency at that percentile, in milliseconds. */
    double latencyMillis(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    long received() {
        return received.get();
    }

    /** Waits until {@code count} deliveries arrived or {@code limit} passed; how long it waited. */
    Duration awaitAtLeast(long count, Duration limit) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + limit.toNanos();
        while (received.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
