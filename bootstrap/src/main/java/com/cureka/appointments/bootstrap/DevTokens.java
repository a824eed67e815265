package com.cureka.appointments.bootstrap;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.cureka.appointments.application.access.Role;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

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

    /** The demo patient's e-mail address, so that the pages' bookings get their confirmation e-mails. */
    static final String DEMO_PATIENT_EMAIL = "rajesh.kumar@example.com";

    /**
     * What {@code GET /dev/token?role=} hands out in embedded dev mode: the demo patient (Rajesh Kumar), the first
     * demo doctor (Dr. Priya Patel) or the demo admin, each valid for {@code validFor}.
     */
    Function<Role, String> demoUsers(Duration validFor) {
        return role -> switch (role) {
            case PATIENT -> token(DemoData.PATIENT, "PATIENT", DemoData.PATIENT_NAME, DEMO_PATIENT_EMAIL, validFor);
            case DOCTOR -> token(DemoData.PRIYA.value(), "DOCTOR", "Dr. Priya Patel", null, validFor);
            case ADMIN -> token(DemoData.ADMIN, "ADMIN", "Clinic Admin", null, validFor);
        };
    }

    String token(UUID subject, String role, String name, Duration validFor) {
        return token(subject, role, name, null, validFor);
    }

    String token(UUID subject, String role, String name, String email, Duration validFor) {
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
        if (email != null) {
            builder.withClaim("email", email);
        }
        return builder.sign(Algorithm.HMAC256(secret));
    }
}
