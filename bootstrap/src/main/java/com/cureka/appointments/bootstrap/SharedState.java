package com.cureka.appointments.bootstrap;

import com.cureka.appointments.adapters.http.ops.HealthCheck;
import com.cureka.appointments.adapters.redis.RedisAvailabilityCache;
import com.cureka.appointments.adapters.redis.RedisBookingRateLimiter;
import com.cureka.appointments.adapters.redis.RedisConnection;
import com.cureka.appointments.application.memory.InProcessAvailabilityCache;
import com.cureka.appointments.application.memory.InProcessBookingRateLimiter;
import com.cureka.appointments.application.port.availability.AvailabilityCache;
import com.cureka.appointments.application.port.availability.BookingRateLimiter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;

/**
 * Wiring step 2, the state several instances share: Redis when {@code REDIS_URL} is set, otherwise in-process
 * stand-ins that are right for a single instance.
 *
 * @param informationalChecks health checks that are reported but never make the instance unready
 */
record SharedState(AvailabilityCache cache, BookingRateLimiter limiter, Map<String, HealthCheck> informationalChecks) {
    private static final Logger log = LoggerFactory.getLogger(SharedState.class);
    private static final Duration AVAILABILITY_TTL = Duration.ofMinutes(5);

    static SharedState choose(Settings settings, Clock clock, MeterRegistry registry, Deque<AutoCloseable> resources) {
        if (settings.redisUrl() == null) {
            return new SharedState(
                    new InProcessAvailabilityCache(AVAILABILITY_TTL, clock),
                    new InProcessBookingRateLimiter(settings.bookingRateLimit(), clock),
                    Map.of());
        }
        var redis = new RedisConnection(settings.redisUrl());
        resources.push(redis::close);
        if (!redis.ping()) {
            log.warn(
                    "Redis at {} does not answer yet: listings go to the database, the rate limiter lets bookings through",
                    redis);
        }
        var limiter = new RedisBookingRateLimiter(redis, settings.bookingRateLimit(), clock);
        Gauge.builder("booking_rate_limiter_fail_open_total", limiter, RedisBookingRateLimiter::failOpenCount)
                .description("booking attempts let through because Redis could not be asked")
                .register(registry);
        return new SharedState(new RedisAvailabilityCache(redis), limiter, Map.of("redis", redis::ping));
    }
}
