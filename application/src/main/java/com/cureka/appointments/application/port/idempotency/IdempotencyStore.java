package com.cureka.appointments.application.port.idempotency;

import java.time.Duration;
import java.time.Instant;

/**
 * Output port: remembers, per caller and key, the request's hash and the final response, so that a retried
 * request is answered with the first response instead of being carried out twice. Shared by every instance.
 */
public interface IdempotencyStore {
    Duration RETENTION = Duration.ofHours(24);

    /** Claims the key for this request, or says why it cannot be claimed. */
    Claim claim(String scope, String key, String requestHash, Instant now);

    /** Stores the final response of a claimed key (for 2xx, 4xx answers). */
    void complete(String scope, String key, StoredResponse response, Instant now);

    /** Gives a claimed key up (the request failed with a 5xx and may be retried). */
    void release(String scope, String key);

    /** Forgets keys older than the retention; answers how many. */
    int purgeExpired(Instant now);

    record StoredResponse(int status, String body, String location) {}

    sealed interface Claim {
        /** The key is ours: carry the request out, then complete or release it. */
        record Claimed() implements Claim {}

        /** Done before with the same request: answer this again. */
        record Replay(StoredResponse response) implements Claim {}

        /** Used before with a different request. */
        record Reused() implements Claim {}

        /** The first request with this key is still being carried out. */
        record InProgress() implements Claim {}
    }
}
