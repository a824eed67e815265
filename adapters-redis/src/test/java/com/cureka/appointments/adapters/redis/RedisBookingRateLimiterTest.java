package com.cureka.appointments.adapters.redis;

import com.cureka.appointments.adapters.redis.testsupport.TestRedis;
import com.cureka.appointments.domain.patient.PatientId;
import com.cureka.appointments.testkit.time.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class RedisBookingRateLimiterTest {
    private static final String PREFIX = TestRedis.uniqueKeyPrefix(RedisBookingRateLimiterTest.class);
    private static final int LIMIT = 5;

    private static RedisConnection redis;

    private final PatientId patient = new PatientId(UUID.randomUUID());
    private final RedisBookingRateLimiter limiter =
            new RedisBookingRateLimiter(redis, LIMIT, Clock.systemUTC(), PREFIX);

    @BeforeAll
    static void connect() {
        redis = TestRedis.connect();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Test
    void five_attempts_within_a_minute_go_through() {
        for (int attempt = 1; attempt <= LIMIT; attempt++) {
            assertThat(limiter.tryAcquire(patient)).as("attempt %d", attempt).isEmpty();
        }
    }

    @Test
    void a_sixth_attempt_within_a_minute_is_refused_with_the_wait() {
        attempts(limiter, patient, LIMIT);

        Optional<Duration> wait = limiter.tryAcquire(patient);

        assertThat(wait).hasValueSatisfying(w -> assertThat(w).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
        assertThat(limiter.failOpenCount()).isZero();
    }

    @Test
    void refused_attempts_do_not_use_up_more_of_the_budget() {
        var clock = new MutableClock(Instant.parse("2030-03-04T09:00:00Z"));
        var limiter = new RedisBookingRateLimiter(redis, LIMIT, clock, PREFIX);
        attempts(limiter, patient, LIMIT);
        attempts(limiter, patient, 10); // all refused

        clock.advance(Duration.ofMinutes(1));

        assertThat(attempts(limiter, patient, LIMIT)).isEqualTo(LIMIT);
    }

    @Test
    void the_wait_runs_to_the_end_of_the_patients_minute_and_then_the_budget_is_back() {
        var clock = new MutableClock(Instant.parse("2030-03-04T09:00:00Z"));
        var limiter = new RedisBookingRateLimiter(redis, LIMIT, clock, PREFIX);
        assertThat(attempts(limiter, patient, LIMIT)).isEqualTo(LIMIT);

        clock.advance(Duration.ofSeconds(45));
        assertThat(limiter.tryAcquire(patient)).contains(Duration.ofSeconds(15));

        clock.advance(Duration.ofSeconds(15));
        assertThat(attempts(limiter, patient, LIMIT + 1)).isEqualTo(LIMIT);
    }

    @Test
    void instances_sharing_redis_share_one_budget() {
        var otherInstance = new RedisBookingRateLimiter(redis, LIMIT, Clock.systemUTC(), PREFIX);

        int passed = attempts(limiter, patient, 3) + attempts(otherInstance, patient, 3);

        assertThat(passed).isEqualTo(LIMIT);
    }

    @Test
    void concurrent_attempts_on_two_instances_let_exactly_the_limit_through() throws Exception {
        var instances = List.of(limiter, new RedisBookingRateLimiter(redis, LIMIT, Clock.systemUTC(), PREFIX));
        int threads = 24;
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<Boolean>>();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                var instance = instances.get(i % 2);
                Callable<Boolean> attempt = () -> {
                    start.await();
                    return instance.tryAcquire(patient).isEmpty();
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            int passed = 0;
            for (var result : results) {
                passed += result.get() ? 1 : 0;
            }

            assertThat(passed).isEqualTo(LIMIT);
        }
        assertThat(limiter.failOpenCount()).isZero();
    }

    @Test
    void patients_have_budgets_of_their_own() {
        var otherPatient = new PatientId(UUID.randomUUID());
        attempts(limiter, patient, LIMIT + 1);

        assertThat(attempts(limiter, otherPatient, LIMIT)).isEqualTo(LIMIT);
    }

    @Test
    void the_limit_is_the_one_configured() {
        var strict = new RedisBookingRateLimiter(redis, 2, Clock.systemUTC(), PREFIX);

        assertThat(attempts(strict, patient, 4)).isEqualTo(2);
    }

    @Test
    void an_idle_patients_bucket_is_removed_soon_after_the_minute() {
        limiter.tryAcquire(patient);

        long millisLeft = redis.call(jedis -> jedis.pttl(PREFIX + "booking-rate:" + patient.value()));

        assertThat(millisLeft).isBetween(1L, Duration.ofSeconds(65).toMillis());
    }

    /** Makes that many attempts; answers how many went through. */
    static int attempts(RedisBookingRateLimiter limiter, PatientId patient, int count) {
        int passed = 0;
        for (int i = 0; i < count; i++) {
            passed += limiter.tryAcquire(patient).isEmpty() ? 1 : 0;
        }
        return passed;
    }
}
