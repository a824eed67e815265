package com.cureka.appointments.adapters.http.idempotency;

import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.error.ApiError;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.adapters.http.error.ErrorResponses;
import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.adapters.http.json.Envelope;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.adapters.http.trace.RequestIds;
import com.cureka.appointments.application.port.idempotency.IdempotencyStore;
import com.cureka.appointments.application.port.idempotency.IdempotencyStore.Claim;
import com.cureka.appointments.application.port.idempotency.IdempotencyStore.StoredResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on the routes that change something (API.md, {@code POST /api/v1/appointments}).
 * A route validates its request first, then hands the work to {@link #answer}: with a key, the work is done
 * once per caller, route and key; a retry of the same request gets the first answer again, status and
 * body, with {@code Idempotent-Replayed: true}. Transient failures (5xx, 429) give the key up, so a retry
 * is carried out for real.
 */
public final class IdempotentRequests {
    public static final String KEY_HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    // Printable ASCII, space included (API.md: "1..255 printable characters").
    private static final Pattern KEY = Pattern.compile("[ -~]{1,255}");
    private static final Logger LOG = LoggerFactory.getLogger(IdempotentRequests.class);

    private final IdempotencyStore store;
    private final ObjectMapper mapper;
    private final Clock clock;

    public IdempotentRequests(IdempotencyStore store, ObjectMapper mapper, Clock clock) {
        this.store = Objects.requireNonNull(store, "idempotency store");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What a route decided to answer on success: a status, the envelope's {@code data}, and a Location or null. */
    public record Answer(int status, Object data, String location) {
        public static Answer ok(Object data) {
            return new Answer(200, data, null);
        }
    }

    /**
     * The request's key, or null when it sent none. A malformed key (empty, longer than 255 characters,
     * not printable ASCII, or sent twice) is noted as a field error of {@code Idempotency-Key}.
     */
    public static String keyOf(Context ctx, FieldErrors errors) {
        var values = Collections.list(ctx.req().getHeaders(KEY_HEADER));
        if (values.isEmpty()) {
            return null;
        }
        String key = values.getFirst();
        if (values.size() > 1 || key == null || !KEY.matcher(key).matches()) {
            errors.add(KEY_HEADER, FieldCode.INVALID_FORMAT, "must be 1 to 255 printable ASCII characters, sent once");
            return null;
        }
        return key;
    }

    /**
     * Carries out {@code work} and writes its answer, once per key: {@code work} returns the success answer
     * or throws {@link ApiException} for a refusal, which is kept and replayed like a success when it is final
     * (a 4xx other than 429).
     *
     * @param key  from {@link #keyOf}; null runs the work without any bookkeeping
     * @param path the route's path with its parameters filled in, part of the key's scope with the caller
     * @param body the request body as sent; its canonical form must match on a retry
     */
    public void answer(Context ctx, Caller caller, String key, String path, JsonNode body, Supplier<Answer> work) {
        if (key == null) {
            write(ctx, success(work.get()), Map.of());
            return;
        }
        String scope = caller.userId() + " " + ctx.method().name() + " " + path;
        switch (store.claim(scope, key, RequestHash.of(body), clock.instant())) {
            case Claim.Claimed claimed -> carryOut(ctx, scope, key, work);
            case Claim.Replay replay -> {
                ctx.header(REPLAYED_HEADER, "true");
                write(ctx, replay.response(), Map.of());
            }
            case Claim.Reused reused ->
                throw ApiException.of(
                        ErrorCode.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used before with a different request");
            case Claim.InProgress inProgress ->
                throw new ApiException(ApiError.of(
                                ErrorCode.IDEMPOTENCY_IN_PROGRESS,
                                "A request with this Idempotency-Key is still being processed")
                        .withHeader("Retry-After", "1"));
        }
    }

    private void carryOut(Context ctx, String scope, String key, Supplier<Answer> work) {
        StoredResponse response;
        Map<String, String> headers = Map.of();
        boolean kept = false;
        try {
            try {
                response = success(work.get());
            } catch (ApiException refused) {
                if (!isFinal(refused.error().status())) {
                    throw refused;
                }
                var error = refused.error();
                response = new StoredResponse(
                        error.status(),
                        json(Envelope.failure(error.code().name(), error.message(), error.details())),
                        null);
                headers = error.headers();
            }
            kept = true;
        } finally {
            if (!kept) {
                release(scope, key, ctx);
            }
        }
        try {
            store.complete(scope, key, response, clock.instant());
        } catch (RuntimeException e) {
            // The work is done: answer it. A retry meets the unfinished key (409) until the store deems the claim
            // abandoned (PostgreSQL: 2 minutes); a re-run then meets the first booking's own constraints (409), never a
            // double.
            LOG.error(
                    "Could not store the answer for an Idempotency-Key of {} {} (request {})",
                    ctx.method(),
                    ctx.path(),
                    RequestIds.of(ctx),
                    e);
        }
        write(ctx, response, headers);
    }

    /** A 5xx or a 429 says "try again later": keeping it would answer every retry with the same failure. */
    private static boolean isFinal(int status) {
        return status < 500 && status != 429;
    }

    private void release(String scope, String key, Context ctx) {
        try {
            store.release(scope, key);
        } catch (RuntimeException e) {
            LOG.error(
                    "Could not release an Idempotency-Key of {} {} (request {})",
                    ctx.method(),
                    ctx.path(),
                    RequestIds.of(ctx),
                    e);
        }
    }

    private StoredResponse success(Answer answer) {
        return new StoredResponse(answer.status(), json(Envelope.ok(answer.data())), answer.location());
    }

    private void write(Context ctx, StoredResponse response, Map<String, String> headers) {
        if (response.status() >= 400) {
            // As ErrorResponses.write does for every other failure, for metrics and logs.
            ctx.attribute(ErrorResponses.CODE_ATTRIBUTE, codeOf(response));
        }
        headers.forEach(ctx::header);
        if (response.location() != null) {
            ctx.header("Location", response.location());
        }
        ctx.status(response.status()).contentType(ContentType.APPLICATION_JSON).result(response.body());
    }

    private String codeOf(StoredResponse failure) {
        try {
            return mapper.readTree(failure.body()).path("code").asText(null);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String json(Envelope envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response", e);
        }
    }
}
