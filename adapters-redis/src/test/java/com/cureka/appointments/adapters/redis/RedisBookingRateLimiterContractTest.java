package com.cureka.appointments.adapters.redis;

import com.cureka.appointments.adapters.redis.testsupport.TestRedis;
import com.cureka.appointments.application.port.availability.BookingRateLimiter;
import com.cureka.appointments.application.port.availability.RateLimit;
import com.cureka.appointments.testkit.availability.BookingRateLimiterContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Clock;

class RedisBookingRateLimiterContractTest extends BookingRateLimiterContract {
    private static final String PREFIX = TestRedis.uniqueKeyPrefix(RedisBookingRateLimiterContractTest.class);

    private static RedisConnection redis;

    @BeforeAll
    static void connect() {
        redis = TestRedis.connect();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Override
    protected BookingRateLimiter newLimiter(RateLimit limit, Clock clock) {
        return new RedisBookingRateLimiter(redis, limit, clock, PREFIX);
    }
}
