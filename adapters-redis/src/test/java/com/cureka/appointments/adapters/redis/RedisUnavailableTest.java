package com.cureka.appointments.adapters.redis;

import com.cureka.appointments.adapters.redis.testsupport.TestRedis;
import com.cureka.appointments.application.port.availability.RateLimit;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.PatientId;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static com.cureka.appointments.domain.kernel.AppointmentType.CONSULTATION;
import static org.assertj.core.api.Assertions.assertThat;

/** Redis gone or hanging: listings fall back to the source, bookings go on, and no call waits long. */
class RedisUnavailableTest {
    /** "Does not hang", not a benchmark: a few timeouts' worth. */
    private static final Duration NO_HANG = Duration.ofSeconds(2);

    private static final String PREFIX = TestRedis.uniqueKeyPrefix(RedisUnavailableTest.class);
    private static final LocalDate DAY = LocalDate.of(2030, 3, 4);
    private static final List<TimeSlot> SLOTS =
            List.of(TimeSlot.of(Instant.parse("2030-03-04T09:00:00Z"), Duration.ofMinutes(30)));

    private final DoctorId doctor = DoctorId.random();
    private final PatientId patient = new PatientId(UUID.randomUUID());

    @Test
    void with_nothing_listening_the_cache_misses_and_the_limiter_lets_attempts_through() {
        try (var redis = new RedisConnection(TestRedis.refusingUrl(), Duration.ofMillis(300), Duration.ZERO)) {
            assertEveryCallFailsSafe(redis); // no cool-down: every call really tries to connect
        }
    }

    @Test
    void with_a_server_that_never_answers_every_call_gives_up_within_the_timeout() {
        try (var server = TestRedis.unresponsiveServer();
                var redis = new RedisConnection(server.url(), Duration.ofMillis(200), Duration.ZERO)) {
            assertEveryCallFailsSafe(redis); // no cool-down: every call really waits for an answer
        }
    }

    @Test
    void after_a_timeout_redis_is_left_alone_for_the_cool_down_so_requests_do_not_each_wait() {
        try (var server = TestRedis.unresponsiveServer();
                var redis = new RedisConnection(server.url(), Duration.ofMillis(500), Duration.ofSeconds(30))) {
            var cache = new RedisAvailabilityCache(redis);
            var limiter = new RedisBookingRateLimiter(redis, RateLimit.perMinute(5), Clock.systemUTC());
            assertThat(cache.get(doctor, DAY, CONSULTATION)).isEmpty(); // waits for one timeout

            long started = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                assertThat(cache.get(doctor, DAY, CONSULTATION)).isEmpty();
                assertThat(limiter.tryAcquire(patient)).isEmpty();
            }

            // Calling Redis each time would take 20 timeouts (10 s).
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(limiter.failOpenCount()).isEqualTo(10);
        }
    }

    @Test
    void the_health_probe_tells_a_reachable_redis_from_an_unreachable_one() {
        try (var reachable = TestRedis.connect();
                var refusing = new RedisConnection(TestRedis.refusingUrl());
                var server = TestRedis.unresponsiveServer();
                var hanging = new RedisConnection(server.url())) {
            assertThat(reachable.ping()).isTrue();
            assertThat(within(NO_HANG, refusing::ping)).isFalse();
            assertThat(within(NO_HANG, hanging::ping)).isFalse();
        }
    }

    @Test
    void when_redis_comes_back_the_cache_and_the_limiter_use_it_again() throws Exception {
        int port = TestRedis.freePort();
        try (var redis =
                new RedisConnection("redis://127.0.0.1:" + port, Duration.ofMillis(300), Duration.ofMillis(100))) {
            var cache = new RedisAvailabilityCache(redis, Duration.ofMinutes(5), Duration.ofMillis(1), PREFIX);
            var limiter = new RedisBookingRateLimiter(redis, RateLimit.perMinute(1), Clock.systemUTC(), PREFIX);
            cache.put(doctor, DAY, CONSULTATION, SLOTS);
            assertThat(limiter.tryAcquire(patient)).isEmpty();
            assertThat(limiter.failOpenCount()).isEqualTo(1);

            var server = TestRedis.startEmbeddedOn(port);
            try {
                boolean back = RedisAvailabilityCacheTest.eventually(() -> {
                    cache.put(doctor, DAY, CONSULTATION, SLOTS);
                    return cache.get(doctor, DAY, CONSULTATION).isPresent();
                });
                assertThat(back).isTrue();
                assertThat(limiter.tryAcquire(patient)).isEmpty();
                assertThat(limiter.tryAcquire(patient)).isPresent(); // limiting again, with a limit of 1
                assertThat(limiter.failOpenCount()).isEqualTo(1);
            } finally {
                server.stop();
            }
        }
    }

    private void assertEveryCallFailsSafe(RedisConnection redis) {
        var cache = new RedisAvailabilityCache(redis, Duration.ofMinutes(5), Duration.ofSeconds(10), PREFIX);
        var limiter = new RedisBookingRateLimiter(redis, RateLimit.perMinute(5), Clock.systemUTC(), PREFIX);

        within(NO_HANG, () -> {
            cache.put(doctor, DAY, CONSULTATION, SLOTS);
            return null;
        });
        assertThat(within(NO_HANG, () -> cache.get(doctor, DAY, CONSULTATION))).isEmpty();
        within(NO_HANG, () -> {
            cache.invalidate(doctor, DAY);
            return null;
        });
        within(NO_HANG, () -> {
            cache.invalidateDoctor(doctor);
            return null;
        });
        for (int attempt = 1; attempt <= 6; attempt++) { // more than the limit, and none refused
            assertThat(within(NO_HANG, () -> limiter.tryAcquire(patient)))
                    .as("attempt %d", attempt)
                    .isEmpty();
        }
        assertThat(limiter.failOpenCount()).isEqualTo(6);
    }

    /** Runs the call (which must not throw) and checks that it returned in time. */
    private static <T> T within(Duration limit, Supplier<T> call) {
        long started = System.nanoTime();
        T result = call.get();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(limit);
        return result;
    }
}
