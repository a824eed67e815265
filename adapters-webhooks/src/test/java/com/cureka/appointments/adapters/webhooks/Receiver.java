package com.cureka.appointments.adapters.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on a loopback port, as an integrator would write one: it verifies every request's signature with
 * the specification's algorithm (its own code, not the adapter's) against the secrets it knows, records what came,
 * and answers as told: a status, a hang past the timeout, a redirect, or a 10 MB body.
 */
final class Receiver implements AutoCloseable {
    /** One request as received, and which of the known secrets verified its signature header. */
    record Received(String id, String timestamp, String signature, String body, List<String> verifiedBy) {
        boolean verified() {
            return !verifiedBy.isEmpty();
        }
    }

    sealed interface Answer {
        record Status(int code) implements Answer {}

        record Hang(long millis) implements Answer {}

        record Redirect(String location) implements Answer {}

        record Huge(int code, int bytes) implements Answer {}
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private volatile Answer otherwise = new Answer.Status(200);

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    void knows(String secret) {
        secrets.add(secret);
    }

    /** The next requests are answered so, in order; after them, {@link #otherwise}. */
    void answers(Answer... answers) {
        script.addAll(Arrays.asList(answers));
    }

    void otherwise(Answer answer) {
        otherwise = answer;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var headers = exchange.getRequestHeaders();
        var id = headers.getFirst("webhook-id");
        var timestamp = headers.getFirst("webhook-timestamp");
        var signature = headers.getFirst("webhook-signature");
        received.add(new Received(id, timestamp, signature, body, verifiedBy(id, timestamp, signature, body)));
        var answer = script.poll();
        answer(exchange, answer == null ? otherwise : answer);
    }

    private static void answer(HttpExchange exchange, Answer answer) throws IOException {
        try (exchange) {
            switch (answer) {
                case Answer.Status status -> exchange.sendResponseHeaders(status.code(), -1);
                case Answer.Hang hang -> {
                    sleep(hang.millis());
                    exchange.sendResponseHeaders(200, -1);
                }
                case Answer.Redirect redirect -> {
                    exchange.getResponseHeaders().add("Location", redirect.location());
                    exchange.sendResponseHeaders(302, -1);
                }
                case Answer.Huge huge -> {
                    exchange.sendResponseHeaders(huge.code(), huge.bytes());
                    var chunk = new byte[64 * 1024];
                    Arrays.fill(chunk, (byte) 'x');
                    try (var out = exchange.getResponseBody()) {
                        for (int sent = 0; sent < huge.bytes(); sent += chunk.length) {
                            out.write(chunk, 0, Math.min(chunk.length, huge.bytes() - sent));
                        }
                    } catch (IOException clientStoppedReading) {
                        // what a sender that reads only a few KiB does
                    }
                }
            }
        }
    }

    /** Standard Webhooks verification: HMAC-SHA256 over id.timestamp.body, compared in constant time. */
    private List<String> verifiedBy(String id, String timestamp, String header, String body) {
        var verified = new ArrayList<String>();
        if (id == null || timestamp == null || header == null) {
            return verified;
        }
        var signatures = Arrays.stream(header.split(" "))
                .filter(s -> s.startsWith("v1,"))
                .map(s -> Base64.getDecoder().decode(s.substring(3)))
                .toList();
        for (var secret : secrets) {
            byte[] expected = hmac(secret, id + "." + timestamp + "." + body);
            if (signatures.stream().anyMatch(sig -> MessageDigest.isEqual(sig, expected))) {
                verified.add(secret);
            }
        }
        return verified;
    }

    private static byte[] hmac(String secret, String content) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
