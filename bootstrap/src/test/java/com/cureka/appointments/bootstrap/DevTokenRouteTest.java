package com.cureka.appointments.bootstrap;

import com.auth0.jwt.JWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /dev/token}: only in embedded dev mode (embedded PostgreSQL and no {@code JWT_SECRET}), where it hands the
 * pages a demo user's token; anywhere else the route does not exist.
 */
class DevTokenRouteTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void with_a_real_database_and_secret_there_is_no_dev_token_route() {
        try (var app = new RunningApp()) {
            var response = app.send("GET", "/dev/token?role=PATIENT", null, null);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("\"code\":\"NOT_FOUND\"");
            assertThat(app.send("GET", "/", null, null).statusCode())
                    .as("the pages are served")
                    .isEqualTo(200);
        }
    }

    @Test
    void embedded_dev_mode_hands_out_the_demo_patients_and_the_first_demo_doctors_tokens(@TempDir Path dir)
            throws Exception {
        var settings =
                Settings.from(Map.of("EMBEDDED_DB_DIR", dir.resolve("postgres").toString(), "PORT", "0"));
        var app = Application.start(settings, Clock.systemUTC());
        try {
            String base = "http://localhost:" + app.port();
            var patient = get(base + "/dev/token?role=PATIENT");
            var doctor = get(base + "/dev/token?role=DOCTOR");

            assertThat(patient.statusCode()).isEqualTo(200);
            String token = patient.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            var claims = JWT.decode(token);
            assertThat(claims.getSubject()).isEqualTo(DemoData.PATIENT.toString());
            assertThat(claims.getClaim("email").asString()).isEqualTo(DevTokens.DEMO_PATIENT_EMAIL);
            String doctorToken = doctor.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            assertThat(JWT.decode(doctorToken).getSubject()).isEqualTo(DemoData.PRIYA.toString());
            var doctors = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/doctors"))
                            .header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(doctors.statusCode()).as("the API accepts the dev token").isEqualTo(200);
            assertThat(doctors.body()).contains("Dr. Priya Patel");
        } finally {
            app.stop();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
