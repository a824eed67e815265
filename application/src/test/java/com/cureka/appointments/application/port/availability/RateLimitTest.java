package com.cureka.appointments.application.port.availability;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitTest {
    @Test
    void so_many_a_minute_is_that_many_attempts_in_one_minute() {
        assertThat(RateLimit.perMinute(5)).isEqualTo(new RateLimit(5, Duration.ofMinutes(1)));
    }

    @Test
    void a_limit_lets_at_least_one_attempt_through() {
        assertThatThrownBy(() -> new RateLimit(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimit.perMinute(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_window_is_positive() {
        assertThatThrownBy(() -> new RateLimit(5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(5, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(5, null)).isInstanceOf(NullPointerException.class);
    }
}
