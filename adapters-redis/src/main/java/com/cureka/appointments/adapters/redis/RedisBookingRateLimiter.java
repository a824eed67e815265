package com.cureka.appointments.adapters.redis;

import com.cureka.appointments.application.port.availability.BookingRateLimiter;
import com.cureka.appointments.domain.patient.PatientId;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.serialization.Mapper;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import io.github.bucket4j.redis.jedis.RedisApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link BookingRateLimiter} shared by every app instance: one Bucket4j bucket per patient in Redis, updated by
 * compare-and-swap, so instances draw on the same budget.
 *
 * <p>The bucket holds {@code limit} attempts and is refilled to {@code limit} once a minute ("intervally", counted
 * from the patient's first attempt), not a token at a time: so in each of the patient's minutes at most
 * {@code limit} attempts go through, and a refusal's wait is the time until that minute ends, as with the in-process
 * limiter after a burst. No token bucket can promise "at most {@code limit} in every sliding minute" (that needs a
 * log of attempts); across the edge of two of the patient's minutes up to twice the limit can pass.
 *
 * <p>A bucket's key expires a few seconds after it would be full again, so idle patients leave nothing behind.
 *
 * <p>When Redis cannot be reached in time the attempt is let through (fail open) and counted in
 * {@link #failOpenCount()}: a Redis outage must not stop bookings, and the database still refuses double bookings and
 * enforces the per-patient cap; what is lost for that time is only the protection against floods of attempts.
 */
public final class RedisBookingRateLimiter implements BookingRateLimiter {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(RedisBookingRateLimiter.class);

    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;
    private final String prefix;
    private final LongAdder failOpen = new LongAdder();
    private final ThrottledWarning warning = new ThrottledWarning(LOG, Duration.ofSeconds(30));

    /** Keys start with {@value RedisAvailabilityCache#DEFAULT_KEY_PREFIX}. */
    public RedisBookingRateLimiter(RedisConnection redis, int limitPerMinute, Clock clock) {
        this(redis, limitPerMinute, clock, RedisAvailabilityCache.DEFAULT_KEY_PREFIX);
    }

    /**
     * @param clock     the wall clock (instants of all instances must agree, as NTP makes them); tests pass a fixed one
     * @param keyPrefix prepended to every key, to share one Redis with other apps or tests
     */
    public RedisBookingRateLimiter(RedisConnection redis, int limitPerMinute, Clock clock, String keyPrefix) {
        if (limitPerMinute < 1) {
            throw new IllegalArgumentException("the limit must be at least 1 a minute");
        }
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(limitPerMinute).refillIntervally(limitPerMinute, MINUTE))
                .build();
        this.buckets = new Bucket4jJedis.JedisBasedProxyManagerBuilder<>(Mapper.STRING, through(redis))
                .clientClock(wallClock(clock))
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                // Bounds the compare-and-swap retries as a whole; each Redis call is bounded by the connection.
                .requestTimeout(redis.timeout().multipliedBy(3))
                .build();
        this.prefix = keyPrefix + "booking-rate:";
    }

    @Override
    public Optional<Duration> tryAcquire(PatientId patient) {
        try {
            var probe = buckets.builder()
                    .build(prefix + patient.value(), () -> configuration)
                    .tryConsumeAndReturnRemaining(1);
            return probe.isConsumed()
                    ? Optional.empty()
                    : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        } catch (RuntimeException e) {
            failOpen.increment();
            warning.warn("Booking rate limiter unavailable, attempts let through (fail open)", e);
            return Optional.empty();
        }
    }

    /** How many attempts were let through unchecked because Redis could not be reached (for a metric). */
    public long failOpenCount() {
        return failOpen.sum();
    }

    /** Bucket4j's Redis calls, through the connection's timeouts and cool-down. */
    private static RedisApi through(RedisConnection redis) {
        return new RedisApi() {
            @Override
            public Object eval(byte[] script, int keyCount, byte[]... params) {
                return redis.call(jedis -> jedis.eval(script, keyCount, params));
            }

            @Override
            public byte[] get(byte[] key) {
                return redis.call(jedis -> jedis.get(key));
            }

            @Override
            public void delete(byte[] key) {
                redis.call(jedis -> jedis.del(key));
            }
        };
    }

    private static TimeMeter wallClock(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
