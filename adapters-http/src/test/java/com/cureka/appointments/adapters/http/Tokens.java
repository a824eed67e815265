package com.cureka.appointments.adapters.http;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.cureka.appointments.adapters.http.auth.JwtSettings;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Real JWTs for the tests, signed as the identity provider would sign them (or deliberately not). */
final class Tokens {
    static final JwtSettings SETTINGS =
            new JwtSettings("test-secret-that-is-long-enough-for-hs256!", "cureka", "appointments-api");

    private final Clock clock;

    Tokens(Clock clock) {
        this.clock = clock;
    }

    String patient(UUID id) {
        return valid(id, "PATIENT", b -> b.withClaim("name", "Rajesh Kumar").withClaim("email", "rajesh@example.test"));
    }

    String doctor(UUID id) {
        return valid(id, "DOCTOR", b -> b);
    }

    String admin() {
        return valid(UUID.randomUUID(), "ADMIN", b -> b);
    }

    String valid(UUID subject, String role, UnaryOperator<JWTCreator.Builder> more) {
        return more.apply(base().withSubject(subject.toString()).withClaim("role", role))
                .sign(hs256());
    }

    /** Issuer, audience and an expiry an hour from the fixed "now": the parts a test may change. */
    JWTCreator.Builder base() {
        return JWT.create()
                .withIssuer(SETTINGS.issuer())
                .withAudience(SETTINGS.audience())
                .withIssuedAt(clock.instant())
                .withExpiresAt(clock.instant().plus(Duration.ofHours(1)));
    }

    static Algorithm hs256() {
        return Algorithm.HMAC256(SETTINGS.secret());
    }
}
