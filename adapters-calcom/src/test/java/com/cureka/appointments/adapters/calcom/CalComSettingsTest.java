package com.cureka.appointments.adapters.calcom;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalComSettingsTest {
    @Test
    void cal_com_is_used_only_when_an_api_key_is_set() {
        assertThat(CalComSettings.fromEnvironment(Map.of())).isEmpty();
        assertThat(CalComSettings.fromEnvironment(Map.of("CAL_COM_API_KEY", " ")))
                .isEmpty();
        assertThat(CalComSettings.fromEnvironment(Map.of("CAL_COM_API_KEY", "cal_live_abc")))
                .isPresent();
    }

    @Test
    void defaults_are_api_v2_and_a_thirty_second_timeout() {
        var settings = CalComSettings.fromEnvironment(Map.of("CAL_COM_API_KEY", "cal_live_abc"))
                .orElseThrow();

        assertThat(settings.baseUrl()).isEqualTo("https://api.cal.com/v2");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.eventLinkBase()).isEqualTo("https://app.cal.com/booking/");
    }

    @Test
    void the_timeout_comes_from_calendar_timeout_seconds() {
        var settings = CalComSettings.fromEnvironment(
                        Map.of("CAL_COM_API_KEY", "cal_live_abc", "CALENDAR_TIMEOUT_SECONDS", "3"))
                .orElseThrow();

        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.connectTimeout())
                .as("never longer than the whole call")
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void a_timeout_that_is_not_a_positive_number_of_seconds_is_refused_at_start_up() {
        assertThatThrownBy(() -> CalComSettings.fromEnvironment(
                        Map.of("CAL_COM_API_KEY", "k", "CALENDAR_TIMEOUT_SECONDS", "soon")))
                .hasMessageContaining("CALENDAR_TIMEOUT_SECONDS");
        assertThatThrownBy(() ->
                        CalComSettings.fromEnvironment(Map.of("CAL_COM_API_KEY", "k", "CALENDAR_TIMEOUT_SECONDS", "0")))
                .hasMessageContaining("CALENDAR_TIMEOUT_SECONDS");
    }

    @Test
    void a_v1_base_url_is_rewritten_to_v2_with_a_warning() {
        try (var logs = new LogCapture()) {
            var settings = CalComSettings.fromEnvironment(
                            Map.of("CAL_COM_API_KEY", "cal_live_abc", "CAL_COM_BASE_URL", "https://api.cal.com/v1/"))
                    .orElseThrow();

            assertThat(settings.baseUrl()).isEqualTo("https://api.cal.com/v2");
            assertThat(logs.warnings())
                    .anySatisfy(line -> assertThat(line).contains("v1").contains("https://api.cal.com/v2"));
        }
    }

    @Test
    void a_base_url_without_a_version_gets_v2() {
        assertThat(CalComSettings.of("k", "https://cal.example.org", Duration.ofSeconds(5))
                        .baseUrl())
                .isEqualTo("https://cal.example.org/v2");
    }

    @Test
    void a_base_url_that_is_not_http_is_refused() {
        assertThatThrownBy(() -> CalComSettings.of("k", "ftp://cal.example.org", Duration.ofSeconds(5)))
                .hasMessageContaining("CAL_COM_BASE_URL");
    }

    @Test
    void the_api_key_is_never_printed() {
        var settings = CalComSettings.of("cal_live_supersecret", null, Duration.ofSeconds(5));

        assertThat(settings.toString()).doesNotContain("supersecret");
    }
}
