package com.cureka.appointments.adapters.webhooks;

import com.cureka.appointments.application.port.webhook.WebhookDelivery;
import com.cureka.appointments.application.port.webhook.WebhookSender;
import okhttp3.Dns;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One signed POST per attempt. Any 2xx within {@link #TIMEOUT} succeeds; a redirect is never followed (it would take
 * the signed body somewhere the administrator did not choose, perhaps inside the network) and counts as a failure;
 * at most {@link #MAX_RESPONSE_BYTES} of a response are read, so a huge or endless body cannot hold a worker.
 */
public final class OkHttpWebhookSender implements WebhookSender, AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    public static final int MAX_RESPONSE_BYTES = 4 * 1024;
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int MAX_ERROR_LENGTH = 500;

    private final OkHttpClient client;
    private final Duration timeout;

    /** {@code dns}: the SSRF guard outside embedded mode, {@link Dns#SYSTEM} when private addresses are allowed. */
    public OkHttpWebhookSender(Dns dns) {
        this(dns, TIMEOUT);
    }

    OkHttpWebhookSender(Dns dns, Duration timeout) {
        this.timeout = timeout;
        this.client = new OkHttpClient.Builder()
                .dns(dns)
                // Straight to the subscriber: through a proxy, the guarded DNS would check the proxy, not the target.
                .proxy(Proxy.NO_PROXY)
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .followRedirects(false)
                .followSslRedirects(false)
                // A retry is ours to schedule, with a fresh timestamp; OkHttp must not resend on its own.
                .retryOnConnectionFailure(false)
                .build();
    }

    @Override
    public Attempt send(WebhookDelivery delivery, URI url, List<String> secrets, Instant now) {
        long timestamp = now.getEpochSecond();
        var id = delivery.eventId().toString();
        var request = new Request.Builder()
                .url(url.toString())
                .header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", StandardWebhookSignature.header(secrets, id, timestamp, delivery.body()))
                .header("User-Agent", "cureka-appointments-webhooks/1")
                .post(RequestBody.create(delivery.body().getBytes(StandardCharsets.UTF_8), JSON))
                .build();
        long started = System.nanoTime();
        try (Response response = client.newCall(request).execute()) {
            var snippet = readAtMost(response);
            var latency = Duration.ofNanos(System.nanoTime() - started);
            int code = response.code();
            if (code >= 200 && code < 300) {
                return new Attempt(code, null, latency);
            }
            var error = code >= 300 && code < 400
                    ? "HTTP " + code + " (redirects are not followed)"
                    : "HTTP " + code + (snippet.isBlank() ? "" : ": " + snippet);
            return new Attempt(code, shorten(error), latency);
        } catch (UnknownHostException e) {
            return new Attempt(null, shorten(e.getMessage()), Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedIOException e) {
            return new Attempt(
                    null,
                    "no answer within " + timeout.toMillis() + " ms",
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException | RuntimeException e) {
            return new Attempt(
                    null,
                    shorten(e.getClass().getSimpleName() + ": " + e.getMessage()),
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static String readAtMost(Response response) throws IOException {
        var body = response.body();
        if (body == null) {
            return "";
        }
        var source = body.source();
        source.request(MAX_RESPONSE_BYTES);
        long available = Math.min(source.getBuffer().size(), MAX_RESPONSE_BYTES);
        return source.getBuffer().readString(available, StandardCharsets.UTF_8);
    }

    private static String shorten(String text) {
        if (text == null) {
            return null;
        }
        var oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_ERROR_LENGTH ? oneLine : oneLine.substring(0, MAX_ERROR_LENGTH);
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
