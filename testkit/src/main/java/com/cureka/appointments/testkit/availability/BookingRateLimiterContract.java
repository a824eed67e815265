package com.cureka.appointments.testkit.availability;

import com.cureka.appointments.application.port.availability.BookingRateLimiter;
import com.cureka.appointments.application.port.availability.RateLimit;
import com.cureka.appointments.domain.patient.PatientId;
import com.cureka.appointments.testkit.time.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link BookingRateLimiter} must do: at most {@link RateLimit#attempts()} admitted attempts per patient in
 * any sliding {@link RateLimit#window()}, and a refusal says how long until the oldest of them leaves the window.
 */
public abstract class BookingRateLimiterContract {
    private static final RateLimit FIVE_A_MINUTE = RateLimit.perMinute(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2030-03-04T09:00:00Z"));
    private final PatientId patient = new PatientId(UUID.randomUUID());

    /** A limiter with this limit on this clock, knowing no attempt of the patients the specs make up. */
    protected abstract BookingRateLimiter newLimiter(RateLimit limit, Clock clock);

    @Test
    void the_limits_attempts_within_a_window_go_through() {
        var limiter = newLimiter(FIVE_A_MINUTE, clock);

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(limiter.tryAcquire(patient)).as("attempt %d", attempt).isEmpty();
        }
    }

    @Test
    void one_more_is_refused_with_the_wait_until_the_oldest_attempt_leaves_the_window() {
        var limiter = newLimiter(FIVE_A_MINUTE, clock);
        assertThat(attempts(limiter, patient, 5)).isEqualTo(5);

        clock.advance(Duration.ofSeconds(45));

        assertThat(limiter.tryAcquire(patient)).contains(Duration.ofSeconds(15));
    }

    @Test
    void a_window_after_a_burst_the_whole_budget_is_back() {
        var limiter = newLimiter(FIVE_A_MINUTE, clock);
        attempts(limiter, patient, 5);

        clock.advance(Duration.ofMinutes(1));

        assertThat(attempts(limiter, patient, 6)).isEqualTo(5);
    }

    @Test
    void refused_attempts_do_not_use_up_the_budget() {
        var limiter = newLimiter(FIVE_A_MINUTE, clock);
        attempts(limiter, patient, 5);
        clock.advance(Duration.ofSeconds(30));
        assertThat(attempts(limiter, patient, 10)).isZero();

        clock.advance(Duration.ofSeconds(30));

        assertThat(attempts(limiter, patient, 5)).isEqualTo(5);
    }

    @Test
    void the_limit_holds_in_every_sliding_window_not_only_from_the_first_attempt() {
        var limiter = newLimiter(FIVE_A_MINUTE, clock);
        attempts(limiter, patient, 3);
        clock.advance(Duration.ofSeconds(30));
        attempts(limiter, patient, 2);

        clock.advance(Duration.ofSeconds(30));

        // The three of 09:00:00 have left the window, the two of 09:00:30 have not.
        assertThat(attempts(limiter, patient, 3)).isEqualTo(3);
        assertThat(limiter.tryAcquire(patient)).contains(Duration.ofSeconds(30));
    }

    @Test
    void patients_have_budgets_of_their_own() {
        var limiter = newLimiter(FIVE_A_MINUTE, clock);
        var otherPatient = new PatientId(UUID.randomUUID());
        attempts(limiter, patient, 6);

        assertThat(attempts(limiter, otherPatient, 5)).isEqualTo(5);
    }

    @Test
    void the_attempts_and_the_window_are_the_ones_configured() {
        var limiter = newLimiter(new RateLimit(2, Duration.ofSeconds(10)), clock);
        assertThat(attempts(limiter, patient, 4)).isEqualTo(2);

        clock.advance(Duration.ofSeconds(9));
        assertThat(limiter.tryAcquire(patient)).contains(Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        assertThat(attempts(limiter, patient, 4)).isEqualTo(2);
    }

    /** Makes that many attempts; answers how many went through. */
    public static int attempts(BookingRateLimiter limiter, PatientId patient, int count) {
        int passed = 0;
        for (int i = 0; i < count; i++) {
            passed += limiter.tryAcquire(patient).isEmpty() ? 1 : 0;
        }
        return passed;
    }
}
