package com.cureka.appointments.adapters.http.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtSettingsTest {
    @Test
    void a_secret_shorter_than_32_bytes_is_refused_at_start_up() {
        assertThatThrownBy(() -> new JwtSettings("too-short", "cureka", "appointments-api"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JWT_SECRET");
    }

    @Test
    void issuer_and_audience_must_be_named() {
        var secret = "s".repeat(32);

        assertThatThrownBy(() -> new JwtSettings(secret, " ", "appointments-api"))
                .hasMessageContaining("JWT_ISSUER");
        assertThatThrownBy(() -> new JwtSettings(secret, "cureka", null)).hasMessageContaining("JWT_AUDIENCE");
    }

    @Test
    void the_secret_never_appears_in_logs() {
        var settings = new JwtSettings("a-very-secret-key-of-at-least-32-bytes", "cureka", "appointments-api");

        assertThat(settings.toString()).doesNotContain("a-very-secret-key").contains("cureka", "appointments-api");
    }
}
