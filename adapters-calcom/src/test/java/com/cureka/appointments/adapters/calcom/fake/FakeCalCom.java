package com.cureka.appointments.adapters.calcom.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stateful fake of Cal.com API v2 on a random loopback port, for tests only. It keeps Cal.com's paths,
 * {@code cal-api-version} routing (a missing or wrong version gets the legacy behaviour), API-key checks,
 * bodies, error envelopes and rate-limit headers; {@code /v2/webhooks} keeps each user's subscriptions; slots follow hosts' working hours, busy times and bookings.
 * On demand it fails, answers slowly, drops connections after storing, or rate-limits; it records every call.
 *
 * <pre>{@code
 * try (var calcom = FakeCalCom.start(clock)) {
 *     calcom.addHost("dr-house", "Gregory House", ZoneId.of("Europe/Rome"), LocalTime.of(9, 0), LocalTime.of(17, 0));
 *     calcom.addEventType(101, "30-min", 30, "dr-house");
 *     var settings = CalComSettings.of(calcom.apiKey(), calcom.baseUrl(), Duration.ofSeconds(2));
 * }
 * }</pre>
 */
public final class FakeCalCom implements AutoCloseable {
    public static final String DEFAULT_API_KEY = "cal_test_fake_clinic_key";

    private final FakeCalendarState state;
    private final Map<String, String> apiKeys = new ConcurrentHashMap<>();
    private final FakeRouter router;
    private final WebhooksEndpoint webhooks = new WebhooksEndpoint();
    private final FakeThrottler throttler = new FakeThrottler();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final List<ReceivedCall> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Duration latency = Duration.ZERO;
    private volatile Duration createLatency = Duration.ZERO;

    private FakeCalCom(Clock clock) throws IOException {
        this.state = new FakeCalendarState(clock);
        this.router = new FakeRouter(state, webhooks, apiKeys);
        apiKeys.put(DEFAULT_API_KEY, "clinic");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a fake whose "now" (past slots, createdAt) follows the given clock. */
    public static FakeCalCom start(Clock clock) {
        try {
            return new FakeCalCom(clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FakeCalCom start() {
        return start(Clock.systemUTC());
    }

    /** The v2 root to configure the adapter with, e.g. {@code http://127.0.0.1:41234/v2}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + "/v2";
    }

    /** A valid API key of the clinic's Cal.com account. */
    public String apiKey() {
        return DEFAULT_API_KEY;
    }

    /** Another valid key, owned by that user (a host cancelling their own booking must give a reason). */
    public FakeCalCom addApiKey(String key, String ownerUsername) {
        apiKeys.put(key, ownerUsername);
        return this;
    }

    /** A host available every day from {@code dayStart} to {@code dayEnd} in the zone. */
    public FakeCalCom addHost(String username, String name, ZoneId zone, LocalTime dayStart, LocalTime dayEnd) {
        state.addHost(username, name, zone, dayStart, dayEnd);
        return this;
    }

    /** An event type whose bookings happen on Cal Video ({@code integrations:daily}, the room URL in metadata). */
    public FakeCalCom addEventType(long id, String slug, int lengthMinutes, String hostUsername) {
        return addEventType(id, slug, lengthMinutes, hostUsername, "integrations:daily");
    }

    /** {@code location}: a URL (may contain {@code {uid}}) or an integration id. */
    public FakeCalCom addEventType(long id, String slug, int lengthMinutes, String hostUsername, String location) {
        state.addEventType(new FakeCalendarState.EventType(
                id, slug, lengthMinutes + " Min Meeting", lengthMinutes, hostUsername, location));
        return this;
    }

    /** Busy in a calendar connected to the host's Cal.com account. */
    public void markBusy(String username, Instant from, Instant to) {
        state.markBusy(username, from, to);
    }

    /** Stores a booking directly, as if made elsewhere (by the Cal.com booking page, or a lost call of ours). */
    public FakeBooking storeBooking(long eventTypeId, Instant start, Map<String, String> metadata) {
        var eventType = state.eventType(eventTypeId).orElseThrow();
        return state.store(eventType, start, "Walk In", "walk.in@example.com", "UTC", metadata, null);
    }

    public List<FakeBooking> bookings() {
        return state.bookings();
    }

    public List<FakeBooking> liveBookings() {
        return state.bookings().stream().filter(FakeBooking::live).toList();
    }

    public Optional<FakeBooking> booking(String uid) {
        return state.booking(uid);
    }

    /** The webhook subscriptions of every user, in the order they were made ({@code /v2/webhooks}). */
    public List<FakeWebhookSubscription> webhookSubscriptions() {
        return webhooks.all();
    }

    /** Stores a subscription of the clinic's account directly, as if made on Cal.com's settings page. */
    public FakeWebhookSubscription storeWebhookSubscription(
            String subscriberUrl, List<String> triggers, boolean active, String secret) {
        return webhooks.store(apiKeys.get(DEFAULT_API_KEY), subscriberUrl, triggers, active, secret);
    }

    /** Hosts and event types, for {@link FakeCalComWebhooks} to render bookings as Cal.com's webhooks do. */
    FakeCalendarState state() {
        return state;
    }

    // ---- failures on demand: each applies to the next request received ----

    public void failNext(int status) {
        faults.add(new Fault.Fail(status));
    }

    public void failNext(int status, int times) {
        for (int i = 0; i < times; i++) {
            failNext(status);
        }
    }

    /** Does the work (a create is stored), then holds the answer back. */
    public void delayNext(Duration delay) {
        faults.add(new Fault.Delay(delay));
    }

    /** Holds the request, then drops the connection without doing anything. */
    public void hangNext(Duration delay) {
        faults.add(new Fault.Hang(delay));
    }

    public void dropConnectionAfterStoringNext() {
        faults.add(new Fault.DropAfterStoring());
    }

    public void rateLimitNext() {
        faults.add(new Fault.RateLimit());
    }

    /** Added before every answer (e.g. 100 ms, for a benchmark). */
    public void setLatency(Duration latency) {
        this.latency = latency;
    }

    /**
     * Added before the work of every create ({@code POST /v2/bookings}): a Cal.com slow to book. The booking is stored
     * when the wait ends, whether or not the caller is still there to read the answer.
     */
    public void setCreateLatency(Duration latency) {
        this.createLatency = latency;
    }

    /** Cal.com's default for an API key is 120 a minute. */
    public void setRateLimitPerMinute(int limit) {
        throttler.setLimit(limit);
    }

    // ---- what was received ----

    public List<ReceivedCall> calls() {
        return List.copyOf(calls);
    }

    public List<ReceivedCall> calls(String method, String path) {
        return calls.stream().filter(c -> c.is(method, path)).toList();
    }

    public void clearCalls() {
        calls.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var uri = exchange.getRequestURI();
            calls.add(new ReceivedCall(
                    exchange.getRequestMethod(),
                    uri.getPath(),
                    uri.getRawQuery(),
                    exchange.getRequestHeaders(),
                    body,
                    Instant.now()));
            var fault = faults.poll(); // on receipt: a fault is for the next request received, whatever waits after
            pause(latency);
            if (exchange.getRequestMethod().equals("POST") && uri.getPath().equals("/v2/bookings")) {
                pause(createLatency);
            }
            switch (fault) {
                case Fault.Hang hang -> pause(hang.delay()); // then the connection is dropped unanswered
                case Fault.DropAfterStoring drop -> answer(exchange, body); // computed, stored, never sent
                case Fault.Delay delay -> {
                    var response = answer(exchange, body);
                    pause(delay.delay());
                    send(exchange, response);
                }
                case Fault.Fail fail ->
                    send(
                            exchange,
                            new FakeResponse(
                                    fail.status(),
                                    FakeJson.error(
                                            fail.status(),
                                            FakeJson.exceptionName(fail.status()),
                                            "Injected failure",
                                            url(exchange),
                                            state.now())));
                case Fault.RateLimit limit -> send(exchange, throttler.throttled(url(exchange), state.now()));
                case null -> send(exchange, answer(exchange, body));
            }
        } catch (IOException e) {
            // The client gave up (timeout): nothing to answer to.
        }
    }

    /** Throttle, route, and turn an error into Cal.com's envelope (with X-Request-Id). */
    private FakeResponse answer(HttpExchange exchange, String body) {
        var headers = exchange.getRequestHeaders();
        String authorization = headers.getFirst("Authorization");
        String tracker = FakeRouter.tracker(
                authorization, exchange.getRemoteAddress().getAddress().getHostAddress());
        var quota = throttler.take(tracker);
        if (quota.isEmpty()) {
            return throttler.throttled(url(exchange), state.now());
        }
        var uri = exchange.getRequestURI();
        FakeResponse response;
        try {
            response = router.route(
                    exchange.getRequestMethod(),
                    uri.getPath(),
                    url(exchange),
                    ReceivedCall.parseQuery(uri.getRawQuery()),
                    body,
                    headers.getFirst("cal-api-version"),
                    authorization);
        } catch (CalComError e) {
            response = new FakeResponse(
                            e.status, FakeJson.error(e.status, e.code, e.getMessage(), url(exchange), state.now()))
                    .withHeader("X-Request-Id", UUID.randomUUID().toString());
        } catch (RuntimeException e) {
            // As Cal.com's filter for an unknown exception; printed, as it is a bug of the fake.
            e.printStackTrace();
            response = new FakeResponse(500, FakeJson.error(500, "", "", url(exchange), state.now()));
        }
        return throttler.withHeaders(response, quota.get());
    }

    private static void send(HttpExchange exchange, FakeResponse response) throws IOException {
        byte[] bytes = FakeJson.MAPPER.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        response.headers()
                .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String url(HttpExchange exchange) {
        var uri = exchange.getRequestURI();
        return uri.getRawQuery() == null ? uri.getPath() : uri.getPath() + "?" + uri.getRawQuery();
    }

    private static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
