package com.cureka.appointments.adapters.http;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import static com.cureka.appointments.adapters.http.TestClinic.CLOCK;
import static com.cureka.appointments.adapters.http.TestClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationTest {
    private static final Tokens TOKENS = new Tokens(CLOCK);
    private static final UUID USER = UUID.randomUUID();

    private final TestClinic clinic = TestClinic.open();

    @AfterEach
    void close() {
        clinic.close();
    }

    static Stream<Arguments> refusedTokens() {
        var hs256 = Tokens.hs256();
        var now = CLOCK.instant();
        return Stream.of(
                Arguments.of(
                        "alg none",
                        TOKENS.base()
                                .withSubject(USER.toString())
                                .withClaim("role", "PATIENT")
                                .sign(Algorithm.none())),
                Arguments.of(
                        "another algorithm (HS512) with our key",
                        TOKENS.base()
                                .withSubject(USER.toString())
                                .withClaim("role", "PATIENT")
                                .sign(Algorithm.HMAC512(Tokens.SETTINGS.secret()))),
                Arguments.of(
                        "signed with another key",
                        TOKENS.base()
                                .withSubject(USER.toString())
                                .withClaim("role", "PATIENT")
                                .sign(Algorithm.HMAC256("another-secret-that-is-long-enough-for-hs256"))),
                Arguments.of(
                        "expired",
                        TOKENS.base()
                                .withExpiresAt(now.minus(Duration.ofMinutes(1)))
                                .withSubject(USER.toString())
                                .withClaim("role", "PATIENT")
                                .sign(hs256)),
                Arguments.of(
                        "without exp",
                        JWT.create()
                                .withIssuer("cureka")
                                .withAudience("appointments-api")
                                .withSubject(USER.toString())
                                .withClaim("role", "PATIENT")
                                .sign(hs256)),
                Arguments.of(
                        "wrong issuer",
                        TOKENS.base()
                                .withIssuer("someone-else")
                                .withSubject(USER.toString())
                                .withClaim("role", "PATIENT")
                                .sign(hs256)),
                Arguments.of(
                        "without issuer",
                        JWT.create()
                                .withAudience("appointments-api")
                                .withExpiresAt(now.plusSeconds(600))
                                .withSubject(USER.toString())
                                .withClaim("role", "PATIENT")
                                .sign(hs256)),
                Arguments.of(
                        "wrong audience",
                        TOKENS.base()
                                .withAudience("billing-api")
                                .withSubject(USER.toString())
                                .withClaim("role", "PATIENT")
                                .sign(hs256)),
                Arguments.of(
                        "without audience",
                        JWT.create()
                                .withIssuer("cureka")
                                .withExpiresAt(now.plusSeconds(600))
                                .withSubject(USER.toString())
                                .withClaim("role", "PATIENT")
                                .sign(hs256)),
                Arguments.of(
                        "without sub",
                        TOKENS.base().withClaim("role", "PATIENT").sign(hs256)),
                Arguments.of(
                        "sub not a UUID",
                        TOKENS.base()
                                .withSubject("rajesh")
                                .withClaim("role", "PATIENT")
                                .sign(hs256)),
                Arguments.of(
                        "without role",
                        TOKENS.base().withSubject(USER.toString()).sign(hs256)),
                Arguments.of(
                        "unknown role",
                        TOKENS.base()
                                .withSubject(USER.toString())
                                .withClaim("role", "SUPERUSER")
                                .sign(hs256)),
                Arguments.of(
                        "role not a string",
                        TOKENS.base()
                                .withSubject(USER.toString())
                                .withClaim("role", 1)
                                .sign(hs256)),
                Arguments.of("not a JWT at all", "not.a.jwt"),
                Arguments.of("a tampered payload", tamper(TOKENS.patient(USER))));
    }

    /** Swaps the payload for one that claims ADMIN, keeping the original signature. */
    private static String tamper(String token) {
        var parts = token.split("\\.");
        var admin = TOKENS.admin().split("\\.");
        return parts[0] + "." + admin[1] + "." + parts[2];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void a_token_that_fails_verification_is_unauthorized(String why, String token) {
        var response = clinic.get("/api/v1/doctors", token);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("UNAUTHORIZED");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void a_request_without_an_authorization_header_is_unauthorized() {
        var response = clinic.get("/api/v1/doctors", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("UNAUTHORIZED");
        assertThat(response.at("/details").isObject()).isTrue();
    }

    @Test
    void an_authorization_header_that_is_not_a_bearer_token_is_unauthorized() {
        var basic = clinic.send(clinic.request("/api/v1/doctors", null).header("Authorization", "Basic dXNlcjpwYXNz"));
        var empty = clinic.send(clinic.request("/api/v1/doctors", null).header("Authorization", "Bearer "));

        assertThat(basic.status()).isEqualTo(401);
        assertThat(empty.status()).isEqualTo(401);
    }

    @Test
    void the_bearer_scheme_is_case_insensitive() {
        var response = clinic.send(
                clinic.request("/api/v1/doctors", null).header("Authorization", "bearer " + TOKENS.patient(USER)));

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void a_token_issued_by_a_clock_slightly_ahead_of_ours_is_accepted() {
        var token = TOKENS.base()
                .withIssuedAt(CLOCK.instant().plusSeconds(30))
                .withSubject(USER.toString())
                .withClaim("role", "PATIENT")
                .sign(Tokens.hs256());

        assertThat(clinic.get("/api/v1/doctors", token).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/api/v1//doctors",
                "//api/v1/doctors",
                "/api/v1/./doctors",
                "/api/v1/doctors/",
                "/api/x/../v1/doctors"
            })
    void an_odd_spelling_of_a_protected_path_still_needs_a_token(String rawPath) {
        var response = clinic.send(HttpRequest.newBuilder(URI.create(clinic.uri("/") + rawPath.substring(1)))
                .GET());

        assertThat(response.status()).as(response.text()).isIn(401, 404);
        assertThat(response.text()).doesNotContain("Dr. Priya Patel");
    }

    @Test
    void an_unknown_path_under_the_api_needs_a_token_too() {
        var response = clinic.get("/api/v1/secrets", null);

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void a_doctor_may_not_book_an_appointment() {
        var response = clinic.post(
                "/api/v1/appointments",
                TOKENS.doctor(PRIYA.value()),
                "{\"doctor_id\": \"" + PRIYA + "\", \"appointment_datetime\": \"2025-09-23T14:30:00+05:30\"}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("FORBIDDEN");
    }

    @Test
    void an_admin_may_not_book_an_appointment() {
        var response = clinic.post(
                "/api/v1/appointments",
                TOKENS.admin(),
                "{\"doctor_id\": \"" + PRIYA + "\", \"appointment_datetime\": \"2025-09-23T14:30:00+05:30\"}");

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void a_patient_may_not_use_the_administration_routes() {
        var create = clinic.post(
                "/api/v1/admin/doctors",
                TOKENS.patient(USER),
                "{\"name\": \"Dr. Mallory\", \"time_zone\": \"Asia/Kolkata\"}");
        var deactivate = clinic.delete("/api/v1/admin/doctors/" + PRIYA, TOKENS.doctor(PRIYA.value()));

        assertThat(create.status()).isEqualTo(403);
        assertThat(create.code()).isEqualTo("FORBIDDEN");
        assertThat(deactivate.status()).isEqualTo(403);
        assertThat(clinic.doctors.byId(PRIYA).orElseThrow().active()).isTrue();
    }
}
