package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.idempotency.IdempotencyStore;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import static com.cureka.appointments.adapters.postgres.Timestamps.utc;

/**
 * {@link IdempotencyStore} in PostgreSQL ({@code idempotency_keys}), shared by every instance. A claim is one
 * {@code INSERT … ON CONFLICT DO UPDATE … WHERE}: it inserts the key, or takes over a row that no longer counts, in
 * one atomic statement, so of any number of racing requests exactly one gets {@link Claim.Claimed}. Otherwise the
 * row is read and answers Reused (another request hash), InProgress (no response yet) or Replay.
 *
 * <p>A row no longer counts when it is older than {@link #RETENTION} (as if purged), or when it is a claim without a
 * response, for the same request, older than {@code abandonedAfter}: the instance carrying the request out died
 * (or could not store the response), and the key must not answer 409 for a whole day. Taking it over runs the request
 * again; a booking retried that way meets its own first appointment (the slot is taken), never makes a second one.
 * {@code abandonedAfter} must therefore be longer than any request can take (default {@value #DEFAULT_ABANDONED_MINUTES}
 * minutes, well above the calendar timeout). A claim for another request hash is never taken over: the key stays
 * bound to its first request for the retention.
 *
 * <p>{@code now} is the caller's clock throughout, never the database's, as for the in-memory store.
 */
public final class PostgresIdempotencyStore implements IdempotencyStore {
    public static final int DEFAULT_ABANDONED_MINUTES = 2;
    public static final Duration DEFAULT_ABANDONED_AFTER = Duration.ofMinutes(DEFAULT_ABANDONED_MINUTES);
    /** Rows deleted per statement by {@link #purgeExpired}, so that a large purge never holds many locks for long. */
    static final int PURGE_BATCH = 5_000;
    /** A key released between our failed claim and our read is simply claimed again; this bounds that loop. */
    private static final int ATTEMPTS = 5;

    private final Jdbi jdbi;
    private final Duration abandonedAfter;
    private final BatchedPurge purge;

    public PostgresIdempotencyStore(Jdbi jdbi) {
        this(jdbi, DEFAULT_ABANDONED_AFTER);
    }

    /** @param abandonedAfter how old a claim without a response must be before the same request may take it over */
    public PostgresIdempotencyStore(Jdbi jdbi, Duration abandonedAfter) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.abandonedAfter = Objects.requireNonNull(abandonedAfter, "abandonedAfter");
        this.purge = new BatchedPurge(jdbi, "idempotency_keys", "created_at <= :expiredAt", PURGE_BATCH);
        if (abandonedAfter.isNegative() || abandonedAfter.isZero() || abandonedAfter.compareTo(RETENTION) > 0) {
            throw new IllegalArgumentException(
                    "abandonedAfter must be positive and at most the retention, not " + abandonedAfter);
        }
    }

    @Override
    public Claim claim(String scope, String key, String requestHash, Instant now) {
        for (int attempt = 1; ; attempt++) {
            if (insertOrTakeOver(scope, key, requestHash, now)) {
                return new Claim.Claimed();
            }
            var existing = jdbi.withHandle(h -> h.createQuery("""
                            SELECT request_hash, response_status, response_body, location
                              FROM idempotency_keys
                             WHERE scope = :scope AND key = :key
                            """)
                    .bind("scope", scope)
                    .bind("key", key)
                    .map((rs, ctx) -> {
                        int status = rs.getInt("response_status");
                        var response = rs.wasNull()
                                ? null
                                : new StoredResponse(status, rs.getString("response_body"), rs.getString("location"));
                        return new Existing(rs.getString("request_hash"), response);
                    })
                    .findOne());
            if (existing.isPresent()) {
                if (!existing.get().requestHash().equals(requestHash)) {
                    return new Claim.Reused();
                }
                return existing.get().response() == null
                        ? new Claim.InProgress()
                        : new Claim.Replay(existing.get().response());
            }
            if (attempt == ATTEMPTS) {
                // Released and claimed again, over and over, between our two statements: someone is working on it.
                return new Claim.InProgress();
            }
        }
    }

    private record Existing(String requestHash, StoredResponse response) {}

    /**
     * Inserts the key, or takes over its row when that is expired or an abandoned claim of the same request. The
     * conflicting row is locked and the WHERE re-read on its newest version, so racing claims cannot both win.
     */
    private boolean insertOrTakeOver(String scope, String key, String requestHash, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO idempotency_keys AS k (scope, key, request_hash, created_at)
                        VALUES (:scope, :key, :hash, :now)
                        ON CONFLICT (scope, key) DO UPDATE
                           SET request_hash = EXCLUDED.request_hash,
                               response_status = NULL, response_body = NULL, location = NULL,
                               created_at = EXCLUDED.created_at
                         WHERE k.created_at <= :expiredAt
                            OR (k.response_status IS NULL AND k.request_hash = EXCLUDED.request_hash
                                AND k.created_at <= :abandonedAt)
                        """)
                        .bind("scope", scope)
                        .bind("key", key)
                        .bind("hash", requestHash)
                        .bind("now", utc(now))
                        .bind("expiredAt", utc(now.minus(RETENTION)))
                        .bind("abandonedAt", utc(now.minus(abandonedAfter)))
                        .execute()
                == 1);
    }

    /** Keeps the first response: a claim taken over by a retry cannot overwrite what was answered already. */
    @Override
    public void complete(String scope, String key, StoredResponse response, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE idempotency_keys
                           SET response_status = :status, response_body = :body, location = :location
                         WHERE scope = :scope AND key = :key AND response_status IS NULL
                        """)
                .bind("scope", scope)
                .bind("key", key)
                .bind("status", response.status())
                .bind("body", response.body())
                .bind("location", response.location())
                .execute());
    }

    /** Only a claim in progress is given up; a stored response stays. */
    @Override
    public void release(String scope, String key) {
        jdbi.useHandle(
                h -> h.createUpdate("""
                        DELETE FROM idempotency_keys WHERE scope = :scope AND key = :key AND response_status IS NULL
                        """).bind("scope", scope).bind("key", key).execute());
    }

    @Override
    public int purgeExpired(Instant now) {
        return purge.purge(Map.of("expiredAt", utc(now.minus(RETENTION))));
    }
}
