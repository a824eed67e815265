package com.cureka.appointments.application.memory;

import com.cureka.appointments.application.port.idempotency.IdempotencyStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** {@link IdempotencyStore} for a single instance. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private record Key(String scope, String key) {}

    private record Entry(String requestHash, StoredResponse response, Instant createdAt) {}

    private final Map<Key, Entry> entries = new HashMap<>();

    @Override
    public synchronized Claim claim(String scope, String key, String requestHash, Instant now) {
        var id = new Key(scope, key);
        var entry = entries.get(id);
        if (entry != null && !entry.createdAt().plus(RETENTION).isAfter(now)) {
            entries.remove(id);
            entry = null;
        }
        if (entry == null) {
            entries.put(id, new Entry(requestHash, null, now));
            return new Claim.Claimed();
        }
        if (!entry.requestHash().equals(requestHash)) {
            return new Claim.Reused();
        }
        return entry.response() == null ? new Claim.InProgress() : new Claim.Replay(entry.response());
    }

    @Override
    public synchronized void complete(String scope, String key, StoredResponse response, Instant now) {
        entries.computeIfPresent(new Key(scope, key), (k, e) -> new Entry(e.requestHash(), response, e.createdAt()));
    }

    @Override
    public synchronized void release(String scope, String key) {
        entries.remove(new Key(scope, key));
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        int before = entries.size();
        entries.values().removeIf(e -> !e.createdAt().plus(RETENTION).isAfter(now));
        return before - entries.size();
    }
}
