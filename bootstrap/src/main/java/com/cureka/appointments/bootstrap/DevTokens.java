package com.cureka.appointments.bootstrap;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** Signs tokens as the identity provider would, for the demo users of embedded dev mode. */
final class DevTokens {
    private final Settings.Jwt jwt;
    private final String secret;
    private final Clock clock;

    DevTokens(Settings.Jwt jwt, String secret, Clock clock) {
        this.jwt = jwt;
        this.secret = secret;
        this.clock = clock;
    }

    String token(UUID subject, String role, String name, Duration validFor) {
        var now = clock.instant();
        var builder = JWT.create()
                .withIssuer(jwt.issuer())
                .withAudience(jwt.audience())
                .withSubject(subject.toString())
                .withClaim("role", role)
                .withIssuedAt(now)
                .withExpiresAt(now.plus(validFor));
        if (name != null) {
            builder.withClaim("name", name);
        }
        return builder.sign(Algorithm.HMAC256(secret));
    }
}
