package com.cureka.appointments.adapters.redis;

import com.cureka.appointments.adapters.redis.testsupport.TestRedis;
import com.cureka.appointments.application.port.availability.RateLimit;
import com.cureka.appointments.domain.patient.PatientId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.cureka.appointments.testkit.availability.BookingRateLimiterContract.attempts;
import static org.assertj.core.api.Assertions.assertThat;

/** What only a shared limiter does; what every limiter does is in {@link RedisBookingRateLimiterContractTest}. */
class RedisBookingRateLimiterTest {
    private static final String PREFIX = TestRedis.uniqueKeyPrefix(RedisBookingRateLimiterTest.class);
    private static final RateLimit FIVE_A_MINUTE = RateLimit.perMinute(5);

    private static RedisConnection redis;

    private final PatientId patient = new PatientId(UUID.randomUUID());
    private final RedisBookingRateLimiter limiter =
            new RedisBookingRateLimiter(redis, FIVE_A_MINUTE, Clock.systemUTC(), PREFIX);

    @BeforeAll
    static void connect() {
        redis = TestRedis.connect();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Test
    void instances_sharing_redis_share_one_budget() {
        var otherInstance = new RedisBookingRateLimiter(redis, FIVE_A_MINUTE, Clock.systemUTC(), PREFIX);

        int passed = attempts(limiter, patient, 3) + attempts(otherInstance, patient, 3);

        assertThat(passed).isEqualTo(5);
    }

    @Test
    void concurrent_attempts_on_two_instances_let_exactly_the_limit_through() throws Exception {
        var instances = List.of(limiter, new RedisBookingRateLimiter(redis, FIVE_A_MINUTE, Clock.systemUTC(), PREFIX));
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

            assertThat(passed).isEqualTo(5);
        }
        assertThat(limiter.failOpenCount()).isZero();
    }

    @Test
    void an_idle_patients_log_is_removed_when_its_last_attempt_leaves_the_window() {
        limiter.tryAcquire(patient);

        long millisLeft = redis.call(jedis -> jedis.pttl(PREFIX + "booking-attempts:" + patient.value()));

        assertThat(millisLeft).isBetween(1L, Duration.ofMinutes(1).toMillis());
    }
}
