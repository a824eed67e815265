package com.cureka.appointments.adapters.redis.testsupport;

import com.cureka.appointments.adapters.redis.RedisConnection;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.UUID;

/**
 * The Redis that tests talk to: the server named by {@code TEST_REDIS_URL} when it is set, otherwise one embedded
 * Redis per JVM (a real redis-server binary shipped in a Maven Central artifact) on a free port, stopped when the JVM
 * exits. Tests never flush it, since it may be someone's shared server: each test class works under its own key
 * prefix, and every key this module writes expires.
 */
public final class TestRedis {
    private static String url;

    private TestRedis() {}

    /** {@code redis://…} of the test Redis, starting the embedded one on first use. */
    public static synchronized String url() {
        if (url == null) {
            String configured = System.getenv("TEST_REDIS_URL");
            url = configured != null && !configured.isBlank() ? configured.strip() : startEmbedded();
        }
        return url;
    }

    /** A new connection to the test Redis with the production timeouts; close it after use. */
    public static RedisConnection connect() {
        return new RedisConnection(url());
    }

    /** A key prefix that no other test class, run or machine sharing the server uses. */
    public static String uniqueKeyPrefix(Class<?> testClass) {
        return "test:" + testClass.getSimpleName() + ":" + UUID.randomUUID() + ":";
    }

    /** A URL where nothing listens (a port just bound and released), so connecting is refused at once. */
    public static String refusingUrl() {
        return "redis://127.0.0.1:" + freePort();
    }

    /** A URL whose server accepts connections and then never answers, like a Redis that hangs. */
    public static UnresponsiveServer unresponsiveServer() {
        return new UnresponsiveServer();
    }

    /**
     * Starts a separate embedded Redis on the given port (for tests that stop and restart a server); the caller stops
     * it, and a shutdown hook does if the caller does not.
     */
    public static RedisServer startEmbeddedOn(int port) throws IOException {
        RedisServer server = RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("save \"\"") // no snapshots on disk
                .setting("appendonly no")
                .soutListener(line -> {}) // drains the output so the server never blocks on a full pipe
                .serrListener(line -> {})
                .build();
        server.start();
        return server;
    }

    private static String startEmbedded() {
        IOException failure = null;
        for (int attempt = 0; attempt < 3; attempt++) { // another process may take the free port before Redis does
            int port = freePort();
            try {
                startEmbeddedOn(port);
                return "redis://127.0.0.1:" + port;
            } catch (IOException e) {
                failure = e;
            }
        }
        throw new UncheckedIOException("could not start the embedded Redis", failure);
    }

    /** A port that was free a moment ago. */
    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TCP server that completes connections (the kernel does, from its backlog) but never reads or replies. */
    public static final class UnresponsiveServer implements AutoCloseable {
        private final ServerSocket socket;

        private UnresponsiveServer() {
            try {
                socket = new ServerSocket(0, 100);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String url() {
            return "redis://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
