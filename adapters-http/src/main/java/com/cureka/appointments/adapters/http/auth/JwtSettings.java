package com.cureka.appointments.adapters.http.auth;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** How bearer tokens are checked: HS256 with this secret, and these required {@code iss} and {@code aud}. */
public record JwtSettings(String secret, String issuer, String audience) {
    /** HS256 needs a key at least as long as its hash (RFC 7518, 3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    public JwtSettings {
        Objects.requireNonNull(secret, "JWT secret");
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("JWT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("JWT_ISSUER must not be blank");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("JWT_AUDIENCE must not be blank");
        }
    }

    /** Keeps the secret out of logs and error messages. */
    @Override
    public String toString() {
        return "JwtSettings[secret=***, issuer=" + issuer + ", audience=" + audience + "]";
    }
}
