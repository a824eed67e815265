package com.cureka.appointments.adapters.calcom;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP side of the Cal.com adapter: headers, timeouts, retries of reads, the circuit breaker. It never
 * throws for Cal.com's failures; it tells what came back, or that nothing did and whether the request had
 * been sent (then a create may have been carried out all the same).
 */
final class CalComClient {
    static final String SLOTS_VERSION = "2024-09-04";
    static final String BOOKINGS_VERSION = "2024-08-13";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    /** What one gateway call came to. */
    sealed interface Outcome {
        record Answered(int status, String body, Headers headers) implements Outcome {
            boolean ok() {
                return status >= 200 && status < 300;
            }
        }

        /** No (complete) answer; {@code sent} when the request had started to go out. */
        record NoAnswer(boolean sent, String reason) implements Outcome {}

        record CircuitOpen(Duration retryAfter) implements Outcome {}
    }

    private final CalComSettings settings;
    private final HttpUrl base;
    private final OkHttpClient http;
    private final CircuitBreaker breaker;

    CalComClient(CalComSettings settings) {
        this.settings = settings;
        this.base = HttpUrl.get(settings.baseUrl());
        this.http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.timeout())
                .writeTimeout(settings.timeout())
                .callTimeout(settings.timeout())
                .connectionPool(new ConnectionPool(8, 30, TimeUnit.SECONDS))
                .eventListenerFactory(call -> SENDING_TRACKER)
                .build();
        this.breaker = CircuitBreaker.of(
                "cal.com",
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(settings.breakerWindow())
                        .minimumNumberOfCalls(settings.breakerMinimumCalls())
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(settings.breakerOpenFor())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .build());
    }

    HttpUrl.Builder url(String... segments) {
        var url = base.newBuilder();
        for (String segment : segments) {
            url.addPathSegment(segment);
        }
        return url;
    }

    /** A read: retried with backoff when Cal.com fails (5xx) or does not answer, all within the timeout. */
    Outcome get(HttpUrl url, String version) {
        var request = request(url, version).get().build();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        Duration pause = settings.readBackoff();
        for (int attempt = 1; ; attempt++) {
            Outcome outcome = once(request, Duration.ofNanos(deadline - System.nanoTime()));
            boolean worthRetrying =
                    outcome instanceof Outcome.NoAnswer || outcome instanceof Outcome.Answered a && a.status() >= 500;
            long left = deadline - System.nanoTime();
            if (!worthRetrying || attempt >= settings.readAttempts() || left <= pause.toNanos()) {
                return outcome;
            }
            sleep(pause);
            pause = pause.multipliedBy(2);
        }
    }

    /**
     * A write: sent once. Cal.com has no idempotency key, so a create that may have been carried out is never
     * repeated; the body is one-shot so that OkHttp does not repeat it after sending either.
     */
    Outcome post(HttpUrl url, Object body, String version) {
        return write("POST", url, body, version);
    }

    /** A partial update, sent once like any write. */
    Outcome patch(HttpUrl url, Object body, String version) {
        return write("PATCH", url, body, version);
    }

    private Outcome write(String method, HttpUrl url, Object body, String version) {
        byte[] bytes;
        try {
            bytes = CalComJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return once(request(url, version).method(method, new OneShotBody(bytes)).build(), settings.timeout());
    }

    private Request.Builder request(HttpUrl url, String version) {
        return new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + settings.apiKey())
                .header("cal-api-version", version)
                .header("Accept", "application/json");
    }

    private Outcome once(Request request, Duration budget) {
        if (!budget.isPositive()) {
            return new Outcome.NoAnswer(false, "no time left within the calendar timeout");
        }
        if (!breaker.tryAcquirePermission()) {
            return new Outcome.CircuitOpen(settings.breakerOpenFor());
        }
        var sent = new AtomicBoolean();
        Call call =
                http.newCall(request.newBuilder().tag(AtomicBoolean.class, sent).build());
        call.timeout().timeout(budget.toNanos(), TimeUnit.NANOSECONDS);
        long started = System.nanoTime();
        try (Response response = call.execute()) {
            var answered = new Outcome.Answered(response.code(), response.body().string(), response.headers());
            boolean failed = answered.status() >= 500
                    || answered.status() == 429
                    || answered.status() == 401
                    || answered.status() == 403;
            if (failed) {
                breaker.onError(
                        System.nanoTime() - started,
                        TimeUnit.NANOSECONDS,
                        new IOException("Cal.com answered HTTP " + answered.status()));
            } else {
                breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
            return answered;
        } catch (IOException | RuntimeException e) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            return new Outcome.NoAnswer(sent.get(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Marks a request as sent once its headers start going out: from then on the server may act on it. */
    private static final EventListener SENDING_TRACKER = new EventListener() {
        @Override
        public void requestHeadersStart(Call call) {
            var sent = call.request().tag(AtomicBoolean.class);
            if (sent != null) {
                sent.set(true);
            }
        }
    };

    private static final class OneShotBody extends RequestBody {
        private final byte[] bytes;

        OneShotBody(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public MediaType contentType() {
            return JSON;
        }

        @Override
        public long contentLength() {
            return bytes.length;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            sink.write(bytes);
        }

        @Override
        public boolean isOneShot() {
            return true;
        }
    }
}
