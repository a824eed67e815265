package com.cureka.appointments.adapters.http.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens already verified, by their exact text (signature included), until their {@code exp}: a client sends the
 * same token with every request, and checking its HMAC and claims again each time was 5 % of a booking's CPU.
 * Only {@link TokenVerifier} puts a token here, after a full verification, so a token with a wrong signature is a
 * different key and is always verified (and refused). Bounded: past {@code capacity} entries, expired ones are
 * dropped, and if that frees nothing a new token is simply not cached (still verified every time, never wrong).
 */
final class VerifiedTokens {
    static final int DEFAULT_CAPACITY = 16_384;

    private record Entry(Caller caller, Instant expiresAt) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;

    VerifiedTokens(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The caller of a token verified before and not yet expired. */
    Optional<Caller> get(String token) {
        var entry = entries.get(token);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(token, entry);
            return Optional.empty();
        }
        return Optional.of(entry.caller());
    }

    /** Remembers a token that has just passed verification, until its {@code exp}. */
    void put(String token, Caller caller, Instant expiresAt) {
        if (entries.size() >= capacity) {
            Instant now = clock.instant();
            entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
            if (entries.size() >= capacity) {
                return;
            }
        }
        entries.put(token, new Entry(caller, expiresAt));
    }

    int size() {
        return entries.size();
    }
}
