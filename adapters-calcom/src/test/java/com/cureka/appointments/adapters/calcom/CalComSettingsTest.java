package com.cureka.appointments.adapters.calcom;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalComSettingsTest {
    @Test
    void the_production_defaults_are_a_five_second_connect_three_reads_and_cal_coms_booking_page() {
        var settings = CalComSettings.of("cal_live_abc", null, Duration.ofSeconds(30));

        assertThat(settings.baseUrl()).isEqualTo("https://api.cal.com/v2");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.readAttempts()).isEqualTo(3);
        assertThat(settings.eventLinkBase()).isEqualTo("https://app.cal.com/booking/");
    }

    @Test
    void the_connect_timeout_is_never_longer_than_the_whole_call() {
        var settings = CalComSettings.of("cal_live_abc", null, Duration.ofSeconds(3));

        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void an_api_key_and_a_positive_timeout_are_required() {
        assertThatThrownBy(() -> CalComSettings.of(" ", null, Duration.ofSeconds(3)))
                .hasMessageContaining("CAL_COM_API_KEY");
        assertThatThrownBy(() -> CalComSettings.of("k", null, Duration.ZERO)).hasMessageContaining("timeout");
    }

    @Test
    void a_blank_event_link_base_means_no_event_link() {
        var settings = CalComSettings.of("k", null, Duration.ofSeconds(3)).withEventLinkBase(" ");

        assertThat(settings.eventLinkBase()).isNull();
    }

    @Test
    void a_v1_base_url_is_rewritten_to_v2_with_a_warning() {
        try (var logs = new LogCapture()) {
            var settings = CalComSettings.of("cal_live_abc", "https://api.cal.com/v1/", Duration.ofSeconds(30));

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
