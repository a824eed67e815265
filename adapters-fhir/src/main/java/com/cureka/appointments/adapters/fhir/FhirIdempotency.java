package com.cureka.appointments.adapters.fhir;

import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.error.ApiError;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.adapters.http.idempotency.IdempotentRequests;
import com.cureka.appointments.adapters.http.idempotency.RequestHash;
import com.cureka.appointments.application.port.idempotency.IdempotencyStore;
import com.cureka.appointments.application.port.idempotency.IdempotencyStore.Claim;
import com.cureka.appointments.application.port.idempotency.IdempotencyStore.StoredResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on the FHIR operations, with the same store and the same rules as {@link IdempotentRequests}
 * (same key syntax, 24 h, replay of final answers with {@code Idempotent-Replayed: true}, 5xx and 429 give the key
 * up, a different request with the same key is {@code IDEMPOTENCY_KEY_REUSED}); only the stored body differs: a FHIR
 * resource instead of the envelope. The scope names the FHIR route, so a key never replays across the two APIs.
 */
final class FhirIdempotency {
    private static final Logger LOG = LoggerFactory.getLogger(FhirIdempotency.class);

    /** What an operation answers: status, resource, and the Location and ETag headers or null. */
    record Answer(int status, ObjectNode resource, String location, String etag) {}

    /** An answer as written (or replayed). */
    record Written(int status, String body, String location, String etag, Map<String, String> headers) {}

    private final IdempotencyStore store;
    private final ObjectMapper mapper;
    private final Clock clock;

    FhirIdempotency(IdempotencyStore store, ObjectMapper mapper, Clock clock) {
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Carries out {@code work} once per caller, path and key; {@code work} answers or throws {@link ApiException},
     * which is kept and replayed when final (a 4xx other than 429).
     */
    Written answer(Caller caller, String key, String path, JsonNode body, Supplier<Answer> work) {
        if (key == null) {
            return written(work.get());
        }
        String scope = caller.userId() + " POST " + path;
        return switch (store.claim(scope, key, RequestHash.of(body), clock.instant())) {
            case Claim.Claimed claimed -> carryOut(scope, key, work);
            case Claim.Replay replay -> {
                var stored = replay.response();
                var headers = Map.of(IdempotentRequests.REPLAYED_HEADER, "true");
                yield new Written(stored.status(), stored.body(), stored.location(), etagOf(stored.body()), headers);
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
        };
    }

    private Written carryOut(String scope, String key, Supplier<Answer> work) {
        Written answer;
        boolean kept = false;
        try {
            try {
                answer = written(work.get());
            } catch (ApiException refused) {
                var error = refused.error();
                if (error.status() >= 500 || error.status() == 429) {
                    throw refused;
                }
                answer = new Written(
                        error.status(), json(FhirOutcomes.of(mapper, error)), null, null, Map.copyOf(error.headers()));
            }
            kept = true;
        } finally {
            if (!kept) {
                try {
                    store.release(scope, key);
                } catch (RuntimeException e) {
                    LOG.error("Could not release an Idempotency-Key of a FHIR operation", e);
                }
            }
        }
        try {
            store.complete(
                    scope, key, new StoredResponse(answer.status(), answer.body(), answer.location()), clock.instant());
        } catch (RuntimeException e) {
            LOG.error("Could not store the answer for an Idempotency-Key of a FHIR operation", e);
        }
        return answer;
    }

    private Written written(Answer answer) {
        return new Written(answer.status(), json(answer.resource()), answer.location(), answer.etag(), Map.of());
    }

    /** The ETag of a stored Bundle of one Appointment (or of an Appointment), from its {@code meta.versionId}. */
    private String etagOf(String body) {
        try {
            var node = mapper.readTree(body);
            var resource = node.path("resourceType").asText().equals("Bundle")
                    ? node.path("entry").path(0).path("resource")
                    : node;
            var version = resource.path("meta").path("versionId");
            return version.isTextual() ? FhirResponses.etag(version.asText()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write a FHIR response", e);
        }
    }
}
