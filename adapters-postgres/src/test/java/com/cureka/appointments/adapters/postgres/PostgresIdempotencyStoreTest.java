package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.idempotency.IdempotencyStore;
import com.cureka.appointments.application.port.idempotency.IdempotencyStore.Claim;
import com.cureka.appointments.application.port.idempotency.IdempotencyStore.StoredResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresIdempotencyStoreTest {
    private static final Instant T0 = Instant.parse("2025-11-20T08:00:00Z");
    private static final String SCOPE = "7d0f8a5e-1111-4a6b-9c1d-0000000000a1 POST /api/v1/appointments";
    private static final String KEY = "key-1";
    private static final StoredResponse CREATED =
            new StoredResponse(201, "{\"success\":true}", "/api/v1/appointments/AID-20251120-0001");
    private static final Duration ABANDONED_AFTER = PostgresIdempotencyStore.DEFAULT_ABANDONED_AFTER;

    private static PostgresDatabase database;
    private PostgresIdempotencyStore store;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabases.migrated(10);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyStore() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE idempotency_keys"));
        store = new PostgresIdempotencyStore(database.jdbi());
    }

    @Test
    void the_first_request_claims_the_key_and_a_retry_meanwhile_is_told_it_is_in_progress() {
        assertThat(store.claim(SCOPE, KEY, "h1", T0)).isEqualTo(new Claim.Claimed());
        assertThat(store.claim(SCOPE, KEY, "h1", T0.plusSeconds(1))).isEqualTo(new Claim.InProgress());
    }

    @Test
    void a_completed_key_replays_its_response_to_the_same_request() {
        store.claim(SCOPE, KEY, "h1", T0);
        store.complete(SCOPE, KEY, CREATED, T0.plusSeconds(1));

        assertThat(store.claim(SCOPE, KEY, "h1", T0.plusSeconds(2))).isEqualTo(new Claim.Replay(CREATED));
        assertThat(store.claim(SCOPE, KEY, "h1", T0.plus(Duration.ofHours(23)))).isEqualTo(new Claim.Replay(CREATED));
    }

    @Test
    void a_response_without_body_or_location_is_replayed_as_it_was() {
        var noContent = new StoredResponse(409, null, null);
        store.claim(SCOPE, KEY, "h1", T0);
        store.complete(SCOPE, KEY, noContent, T0);

        assertThat(store.claim(SCOPE, KEY, "h1", T0)).isEqualTo(new Claim.Replay(noContent));
    }

    @Test
    void a_key_used_with_another_request_is_reused_whether_done_or_not() {
        store.claim(SCOPE, KEY, "h1", T0);
        assertThat(store.claim(SCOPE, KEY, "h2", T0)).isEqualTo(new Claim.Reused());

        store.complete(SCOPE, KEY, CREATED, T0);
        assertThat(store.claim(SCOPE, KEY, "h2", T0.plusSeconds(5))).isEqualTo(new Claim.Reused());
    }

    @Test
    void keys_of_different_scopes_do_not_meet() {
        assertThat(store.claim(SCOPE, KEY, "h1", T0)).isEqualTo(new Claim.Claimed());
        assertThat(store.claim("someone-else POST /api/v1/appointments", KEY, "h2", T0))
                .isEqualTo(new Claim.Claimed());
    }

    @Test
    void a_released_key_can_be_claimed_again_but_releasing_a_completed_key_keeps_its_response() {
        store.claim(SCOPE, KEY, "h1", T0);
        store.release(SCOPE, KEY);
        assertThat(store.claim(SCOPE, KEY, "h2", T0)).isEqualTo(new Claim.Claimed());

        store.complete(SCOPE, KEY, CREATED, T0);
        store.release(SCOPE, KEY);
        assertThat(store.claim(SCOPE, KEY, "h2", T0)).isEqualTo(new Claim.Replay(CREATED));
    }

    @Test
    void the_first_response_stays_when_a_key_is_completed_twice() {
        store.claim(SCOPE, KEY, "h1", T0);
        store.complete(SCOPE, KEY, CREATED, T0);
        store.complete(SCOPE, KEY, new StoredResponse(500, "{}", null), T0);

        assertThat(store.claim(SCOPE, KEY, "h1", T0)).isEqualTo(new Claim.Replay(CREATED));
    }

    @Test
    void completing_or_releasing_an_unknown_key_does_nothing() {
        store.complete(SCOPE, "nobody", CREATED, T0);
        store.release(SCOPE, "nobody");

        assertThat(store.claim(SCOPE, "nobody", "h1", T0)).isEqualTo(new Claim.Claimed());
    }

    @Test
    void a_key_older_than_the_retention_counts_as_absent_even_for_another_request() {
        store.claim(SCOPE, KEY, "h1", T0);
        store.complete(SCOPE, KEY, CREATED, T0);

        assertThat(store.claim(
                        SCOPE, KEY, "h2", T0.plus(IdempotencyStore.RETENTION).minusMillis(1)))
                .isEqualTo(new Claim.Reused());
        assertThat(store.claim(SCOPE, KEY, "h2", T0.plus(IdempotencyStore.RETENTION)))
                .isEqualTo(new Claim.Claimed());
        assertThat(store.claim(SCOPE, KEY, "h2", T0.plus(IdempotencyStore.RETENTION)))
                .isEqualTo(new Claim.InProgress());
    }

    @Test
    void a_claim_abandoned_without_a_response_is_taken_over_by_the_same_request_only() {
        store.claim(SCOPE, KEY, "h1", T0);

        assertThat(store.claim(SCOPE, KEY, "h1", T0.plus(ABANDONED_AFTER).minusSeconds(1)))
                .isEqualTo(new Claim.InProgress());
        assertThat(store.claim(SCOPE, KEY, "h2", T0.plus(ABANDONED_AFTER).plusSeconds(1)))
                .isEqualTo(new Claim.Reused());
        assertThat(store.claim(SCOPE, KEY, "h1", T0.plus(ABANDONED_AFTER))).isEqualTo(new Claim.Claimed());
        // The take-over is a new claim: it is in progress from now on, for as long again.
        assertThat(store.claim(SCOPE, KEY, "h1", T0.plus(ABANDONED_AFTER).plusSeconds(30)))
                .isEqualTo(new Claim.InProgress());
    }

    @Test
    void a_completed_key_is_never_taken_over_before_the_retention() {
        store.claim(SCOPE, KEY, "h1", T0);
        store.complete(SCOPE, KEY, CREATED, T0.plusSeconds(1));

        assertThat(store.claim(SCOPE, KEY, "h1", T0.plus(Duration.ofHours(1)))).isEqualTo(new Claim.Replay(CREATED));
    }

    @Test
    void the_abandonment_time_is_configurable_within_the_retention() {
        var patient = new PostgresIdempotencyStore(database.jdbi(), Duration.ofMinutes(10));
        patient.claim(SCOPE, KEY, "h1", T0);

        assertThat(patient.claim(SCOPE, KEY, "h1", T0.plus(Duration.ofMinutes(5))))
                .isEqualTo(new Claim.InProgress());
        assertThat(patient.claim(SCOPE, KEY, "h1", T0.plus(Duration.ofMinutes(10))))
                .isEqualTo(new Claim.Claimed());
        assertThatThrownBy(() -> new PostgresIdempotencyStore(database.jdbi(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PostgresIdempotencyStore(database.jdbi(), Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eight_threads_claiming_a_new_key_at_once_get_exactly_one_claim() throws Exception {
        for (int round = 0; round < 10; round++) {
            String key = "race-" + round;
            var claims = Simultaneously.run(8, () -> store.claim(SCOPE, key, "h1", T0));

            assertThat(claims)
                    .filteredOn(Claim.Claimed.class::isInstance)
                    .as("round %d", round)
                    .hasSize(1);
            assertThat(claims).filteredOn(Claim.InProgress.class::isInstance).hasSize(7);
        }
    }

    @Test
    void eight_threads_claiming_an_expired_or_abandoned_key_at_once_get_exactly_one_claim() throws Exception {
        store.claim(SCOPE, "expired", "h1", T0);
        store.complete(SCOPE, "expired", CREATED, T0);
        store.claim(SCOPE, "abandoned", "h1", T0);
        var later = T0.plus(IdempotencyStore.RETENTION);

        var expired = Simultaneously.run(8, () -> store.claim(SCOPE, "expired", "h2", later));
        var abandoned = Simultaneously.run(8, () -> store.claim(SCOPE, "abandoned", "h1", T0.plus(ABANDONED_AFTER)));

        assertThat(expired).filteredOn(Claim.Claimed.class::isInstance).hasSize(1);
        assertThat(abandoned).filteredOn(Claim.Claimed.class::isInstance).hasSize(1);
    }

    @Test
    void purging_forgets_the_keys_older_than_the_retention_and_says_how_many() {
        database.jdbi()
                .useHandle(h -> h.execute(
                        """
                INSERT INTO idempotency_keys (scope, key, request_hash, created_at)
                SELECT 'bulk', 'k' || i, 'h', CAST(? AS timestamptz) FROM generate_series(1, ?) i
                """, T0.atOffset(java.time.ZoneOffset.UTC), PostgresIdempotencyStore.PURGE_BATCH + 7));
        store.claim(SCOPE, "fresh", "h1", T0.plus(Duration.ofHours(1)));
        store.complete(SCOPE, "fresh", CREATED, T0.plus(Duration.ofHours(1)));

        assertThat(store.purgeExpired(T0.plus(IdempotencyStore.RETENTION).minusMillis(1)))
                .isZero();
        assertThat(store.purgeExpired(T0.plus(IdempotencyStore.RETENTION)))
                .isEqualTo(PostgresIdempotencyStore.PURGE_BATCH + 7);
        assertThat(store.claim(SCOPE, "fresh", "h1", T0.plus(IdempotencyStore.RETENTION)))
                .isEqualTo(new Claim.Replay(CREATED));
    }
}
