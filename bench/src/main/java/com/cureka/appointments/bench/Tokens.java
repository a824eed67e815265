package com.cureka.appointments.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Signs tokens as the identity provider would (as bootstrap's DevTokens does): HS256, {@code iss cureka},
 * {@code aud appointments-api}, a UUID {@code sub}, a {@code role}, {@code exp}, and a {@code name} for patients.
 */
final class Tokens {
    static final String ISSUER = "cureka";
    static final String AUDIENCE = "appointments-api";

    private final String secret;
    private final Algorithm algorithm;
    private final Instant expires;

    Tokens(String secret, Duration validFor) {
        this.secret = secret;
        this.algorithm = Algorithm.HMAC256(secret);
        this.expires = Instant.now().plus(validFor);
    }

    /** A fresh 32-byte key, hex: 64 characters. */
    static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    String secret() {
        return secret;
    }

    String token(UUID subject, String role, String name) {
        var builder = JWT.create()
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .withSubject(subject.toString())
                .withClaim("role", role)
                .withIssuedAt(Instant.now().minusSeconds(5))
                .withExpiresAt(expires);
        if (name != null) {
            builder.withClaim("name", name);
        }
        return builder.sign(algorithm);
    }
}
