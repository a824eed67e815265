package com.cureka.appointments.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the load reaches the app. Each closed-loop client owns one {@link Connection} and uses it from its own thread
 * only, sending the next request when the previous answer is in.
 *
 * <p>Two implementations: {@link RawHttpClient} (a keep-alive HTTP/1.1 connection on a plain socket; a few
 * microseconds of CPU per request, so that on a 2-core machine the load generator takes as little as possible from
 * the app it measures) and {@link Jdk} ({@code java.net.http.HttpClient}, the JDK's own, which costs several times
 * more CPU per request; {@code --client=jdk}).
 */
interface HttpTransport extends AutoCloseable {

    /** One request; {@code token} may be null, {@code body} null for a GET, {@code headers} extra headers. */
    record Request(String method, String path, String token, byte[] body, Map<String, String> headers) {
        static Request get(String path, String token) {
            return new Request("GET", path, token, null, Map.of());
        }

        static Request post(String path, String token, byte[] body) {
            return new Request("POST", path, token, body, Map.of());
        }
    }

    record Response(int status, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    interface Connection extends AutoCloseable {
        Response send(Request request) throws IOException;

        @Override
        void close();
    }

    Connection connect();

    /** The connection of closed-loop client {@code client}; only {@link Spread} cares which client asks. */
    default Connection connect(int client) {
        return connect();
    }

    @Override
    void close();

    static HttpTransport of(String kind, String host, int port) {
        return kind.equals("jdk") ? new Jdk(host, port) : new RawHttpClient(host, port);
    }

    /** One transport per app instance on 127.0.0.1; with one port it is that port's transport itself. */
    static HttpTransport of(String kind, List<Integer> ports) {
        var parts = ports.stream().map(port -> of(kind, "127.0.0.1", port)).toList();
        return parts.size() == 1 ? parts.getFirst() : new Spread(parts);
    }

    /**
     * Several app instances behind no load balancer: client {@code c} talks to instance {@code c mod n}, so that
     * each instance gets an equal share of the clients (and of the load, the loop being closed). A connection asked
     * for without a client number (registration, priming, admin calls) goes to the instances in turn.
     */
    final class Spread implements HttpTransport {
        private final List<HttpTransport> instances;
        private final AtomicInteger next = new AtomicInteger();

        Spread(List<HttpTransport> instances) {
            this.instances = List.copyOf(instances);
        }

        @Override
        public Connection connect(int client) {
            return instances.get(Math.floorMod(client, instances.size())).connect();
        }

        @Override
        public Connection connect() {
            return connect(next.getAndIncrement());
        }

        @Override
        public void close() {
            instances.forEach(HttpTransport::close);
        }
    }

    /** {@code java.net.http.HttpClient}, HTTP/1.1, one client shared by every connection (it pools sockets itself). */
    final class Jdk implements HttpTransport {
        private final HttpClient client;
        private final String base;

        Jdk(String host, int port) {
            this.client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            this.base = "http://" + host + ":" + port;
        }

        @Override
        public Connection connect() {
            return new Connection() {
                @Override
                public Response send(Request request) throws IOException {
                    var builder = HttpRequest.newBuilder(URI.create(base + request.path()))
                            .timeout(Duration.ofSeconds(60));
                    if (request.token() != null) {
                        builder.header("Authorization", "Bearer " + request.token());
                    }
                    request.headers().forEach(builder::header);
                    if (request.body() != null) {
                        builder.header("Content-Type", "application/json")
                                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
                    } else {
                        builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
                    }
                    try {
                        var response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
                        return new Response(response.statusCode(), response.body());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
