package com.cureka.appointments.adapters.http.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Verified tokens are remembered until their exp, never past it, never beyond the bound, never when forged. */
class TokenCacheTest {
    private static final JwtSettings SETTINGS =
            new JwtSettings("test-secret-that-is-long-enough-for-hs256!", "cureka", "appointments-api");
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final TestClock clock = new TestClock(NOW);

    @Test
    void aCachedTokenIsRefusedOnceItsExpiryHasPassed() {
        var verifier = new TokenVerifier(SETTINGS, clock, 10);
        String token = token(UUID.randomUUID(), Duration.ofMinutes(5));

        assertThat(verifier.verify(token)).isPresent();
        assertThat(verifier.cachedTokens()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(verifier.verify(token)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(verifier.verify(token)).isEmpty();
    }

    @Test
    void theCacheHoldsNoMoreThanItsCapacityAndStillVerifiesTheRest() {
        var verifier = new TokenVerifier(SETTINGS, clock, 3);
        for (int i = 0; i < 10; i++) {
            assertThat(verifier.verify(token(UUID.randomUUID(), Duration.ofHours(1))))
                    .isPresent();
        }
        assertThat(verifier.cachedTokens()).isEqualTo(3);
    }

    @Test
    void expiredEntriesMakeRoomForNewTokens() {
        var verifier = new TokenVerifier(SETTINGS, clock, 2);
        verifier.verify(token(UUID.randomUUID(), Duration.ofMinutes(1)));
        verifier.verify(token(UUID.randomUUID(), Duration.ofMinutes(1)));
        clock.advance(Duration.ofMinutes(2));
        var late = UUID.randomUUID();
        String token = token(late, Duration.ofHours(1));

        assertThat(verifier.verify(token)).map(Caller::userId).contains(late);
        assertThat(verifier.cachedTokens()).isEqualTo(1);
    }

    @Test
    void aTokenWithAnotherSignatureIsRefusedEvenWhenTheSameClaimsAreCached() {
        var verifier = new TokenVerifier(SETTINGS, clock, 10);
        var subject = UUID.randomUUID();
        String good = token(subject, Duration.ofHours(1));
        assertThat(verifier.verify(good)).isPresent();

        String forged = JWT.create()
                .withIssuer(SETTINGS.issuer())
                .withAudience(SETTINGS.audience())
                .withIssuedAt(NOW)
                .withExpiresAt(NOW.plus(Duration.ofHours(1)))
                .withSubject(subject.toString())
                .withClaim("role", "PATIENT")
                .sign(Algorithm.HMAC256("another-secret-that-is-long-enough-for-hs256"));
        String payloadOfGoodWithForgedSignature =
                good.substring(0, good.lastIndexOf('.') + 1) + forged.substring(forged.lastIndexOf('.') + 1);

        assertThat(verifier.verify(forged)).isEmpty();
        assertThat(verifier.verify(payloadOfGoodWithForgedSignature)).isEmpty();
        assertThat(verifier.verify(forged)).isEmpty(); // a refusal is not remembered as anything
        assertThat(verifier.cachedTokens()).isEqualTo(1);
    }

    @Test
    void aNameOrEmailClaimNoStoreCouldKeepIsTreatedAsAbsentAndTheRestOfTheTokenStands() {
        var verifier = new TokenVerifier(SETTINGS, clock, 10);
        var subject = UUID.randomUUID();
        String token = JWT.create()
                .withIssuer(SETTINGS.issuer())
                .withAudience(SETTINGS.audience())
                .withIssuedAt(NOW)
                .withExpiresAt(NOW.plus(Duration.ofHours(1)))
                .withSubject(subject.toString())
                .withClaim("role", "PATIENT")
                .withClaim("name", "Asha\u0000Rao")
                .withClaim("email", "asha@example.test\u0000")
                .sign(Algorithm.HMAC256(SETTINGS.secret()));

        var caller = verifier.verify(token).orElseThrow();

        assertThat(caller.userId()).isEqualTo(subject);
        assertThat(caller.name()).isNull();
        assertThat(caller.email()).isNull();
    }

    private String token(UUID subject, Duration lifetime) {
        return JWT.create()
                .withIssuer(SETTINGS.issuer())
                .withAudience(SETTINGS.audience())
                .withIssuedAt(clock.instant())
                .withExpiresAt(clock.instant().plus(lifetime))
                .withSubject(subject.toString())
                .withClaim("role", "PATIENT")
                .sign(Algorithm.HMAC256(SETTINGS.secret()));
    }

    /** A clock the test moves by hand. */
    private static final class TestClock extends Clock {
        private final AtomicReference<Instant> now;

        TestClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
