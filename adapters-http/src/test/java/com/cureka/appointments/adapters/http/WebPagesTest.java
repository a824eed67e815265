package com.cureka.appointments.adapters.http;

import com.auth0.jwt.JWT;
import com.cureka.appointments.adapters.http.pages.WebPages;
import com.cureka.appointments.application.access.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages over plain HTTP: their security headers, no inline code, the files served, and {@code GET /dev/token}. */
class WebPagesTest {
    private static final Pattern INLINE_SCRIPT =
            Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/desk",
                "/manage/some-token",
                "/manage/",
                "/manage/some-token/more",
                "/pages/booking.js",
                "/pages/pages.css",
                "/pages/api.js"
            })
    void every_page_and_file_has_a_strict_content_security_policy_nosniff_and_no_referrer(String path) {
        try (var clinic = TestClinic.open()) {
            var response = clinic.get(path, null);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Security-Policy"))
                    .isEqualTo(WebPages.CONTENT_SECURITY_POLICY)
                    .contains(
                            "default-src 'none'",
                            "script-src 'self'",
                            "style-src 'self'",
                            "connect-src 'self'",
                            "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/desk", "/manage/some-token"})
    void the_pages_are_html_with_a_language_and_no_inline_script_or_style(String path) {
        try (var clinic = TestClinic.open()) {
            var response = clinic.get(path, null);

            assertThat(response.header("Content-Type")).startsWith("text/html");
            assertThat(response.text()).contains("<html lang=\"en\">", "<script type=\"module\" src=\"/pages/");
            assertThat(INLINE_SCRIPT.matcher(response.text()).find())
                    .as("inline script")
                    .isFalse();
            assertThat(response.text()).doesNotContain("<style", " style=", "onclick=", "http://", "https://");
        }
    }

    @Test
    void scripts_are_javascript_and_unknown_files_are_not_found() {
        try (var clinic = TestClinic.open()) {
            assertThat(clinic.get("/pages/desk.js", null).header("Content-Type"))
                    .startsWith("text/javascript");
            var unknown = clinic.get("/pages/..%2Fpom.xml", null);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(clinic.get("/pages/WebPages.class", null).status()).isEqualTo(404);
        }
    }

    @Test
    void dev_tokens_do_not_exist_outside_embedded_mode() {
        try (var clinic = TestClinic.open()) {
            var response = clinic.get("/dev/token?role=PATIENT", null);

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void in_embedded_mode_dev_tokens_are_signed_tokens_the_api_accepts() {
        var tokens = new Tokens(TestClinic.CLOCK);
        var demo = UUID.randomUUID();
        try (var clinic = TestClinic.open(TestClinic.Options.standard()
                .withDevTokens(role -> role == Role.PATIENT
                        ? tokens.patient(demo)
                        : role == Role.DOCTOR ? tokens.doctor(TestClinic.PRIYA.value()) : tokens.admin()))) {
            var patient = clinic.get("/dev/token?role=PATIENT", null);
            var doctor = clinic.get("/dev/token?role=doctor", null);
            var wrong = clinic.get("/dev/token?role=NURSE", null);

            assertThat(patient.status()).isEqualTo(200);
            String token = patient.at("/data/token").asText();
            assertThat(JWT.decode(token).getSubject()).isEqualTo(demo.toString());
            assertThat(clinic.get("/api/v1/doctors", token).status()).isEqualTo(200);
            assertThat(JWT.decode(doctor.at("/data/token").asText())
                            .getClaim("role")
                            .asString())
                    .isEqualTo("DOCTOR");
            assertThat(patient.header("Cache-Control")).isEqualTo("no-store");
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.code()).isEqualTo("VALIDATION_ERROR");
        }
    }
}
