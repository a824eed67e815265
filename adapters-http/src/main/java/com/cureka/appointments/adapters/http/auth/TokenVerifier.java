package com.cureka.appointments.adapters.http.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.cureka.appointments.adapters.http.request.PlainText;
import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.domain.kernel.Uuids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/**
 * Checks a bearer token: HS256 only (so {@code alg: none} and every other algorithm fail), our key, not
 * expired ({@code exp} required), our issuer and audience, a UUID {@code sub} and a known {@code role}. A token
 * that passed is remembered until its {@code exp} ({@link VerifiedTokens}), so a client's next requests skip the
 * HMAC and the claim checks.
 */
public final class TokenVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);
    private static final long CLOCK_SKEW_SECONDS = 60;

    private final JWTVerifier verifier;
    private final VerifiedTokens verified;

    public TokenVerifier(JwtSettings settings, Clock clock) {
        this(settings, clock, VerifiedTokens.DEFAULT_CAPACITY);
    }

    TokenVerifier(JwtSettings settings, Clock clock, int cacheCapacity) {
        var verification = (JWTVerifier.BaseVerification) JWT.require(Algorithm.HMAC256(settings.secret()))
                .withIssuer(settings.issuer())
                .withAudience(settings.audience())
                .withClaimPresence("exp")
                .withClaimPresence("sub")
                .withClaimPresence("role")
                // The identity provider's clock may run a little ahead of ours; expiry itself stays exact.
                .acceptIssuedAt(CLOCK_SKEW_SECONDS)
                .acceptNotBefore(CLOCK_SKEW_SECONDS);
        this.verifier = verification.build(clock);
        this.verified = new VerifiedTokens(cacheCapacity, clock);
    }

    /** The caller the token names, or empty when it must be refused (the reason is logged at debug only). */
    public Optional<Caller> verify(String token) {
        var known = verified.get(token);
        if (known.isPresent()) {
            return known;
        }
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (JWTVerificationException e) {
            LOG.debug("Refused a bearer token: {}", e.getMessage());
            return Optional.empty();
        }
        var userId = Uuids.parse(jwt.getSubject());
        var role = role(jwt.getClaim("role").asString());
        if (userId.isEmpty() || role.isEmpty()) {
            LOG.debug("Refused a bearer token: sub is not a UUID or role is unknown");
            return Optional.empty();
        }
        var caller = new Caller(
                userId.get(),
                role.get(),
                keepable(jwt.getClaim("name").asString()),
                keepable(jwt.getClaim("email").asString()));
        verified.put(token, caller, jwt.getExpiresAtAsInstant());
        return Optional.of(caller);
    }

    /** How many verified tokens are remembered (for tests of the bound). */
    int cachedTokens() {
        return verified.size();
    }

    /**
     * A name or email claim that PostgreSQL could not store (NUL, a lone surrogate) is treated as absent: the token
     * is genuine, only that claim is unusable, and the booking it carries should not fail with a 500 for it.
     */
    private static String keepable(String claim) {
        if (claim != null && !PlainText.isAcceptable(claim)) {
            LOG.debug("Ignored a token claim holding NUL or an unpaired surrogate");
            return null;
        }
        return claim;
    }

    private static Optional<Role> role(String claim) {
        return Arrays.stream(Role.values()).filter(r -> r.name().equals(claim)).findFirst();
    }
}
