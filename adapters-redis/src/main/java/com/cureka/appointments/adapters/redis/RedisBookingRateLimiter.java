package com.cureka.appointments.adapters.redis;

import com.cureka.appointments.application.port.availability.BookingRateLimiter;
import com.cureka.appointments.application.port.availability.RateLimit;
import com.cureka.appointments.domain.patient.PatientId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link BookingRateLimiter} shared by every app instance: the same sliding log of admitted attempts as the
 * in-process limiter, kept in Redis as one sorted set per patient (score: the attempt's time in microseconds) and
 * updated by one Lua script, so instances draw on the same budget and two attempts never both take the last place.
 *
 * <p>The key expires one window after the last admitted attempt, when every entry in it has left the window.
 *
 * <p>When Redis cannot be reached in time the attempt is let through (fail open) and counted in
 * {@link #failOpenCount()}: a Redis outage must not stop bookings, and the database still refuses double bookings and
 * enforces the per-patient cap; what is lost for that time is only the protection against floods of attempts.
 */
public final class RedisBookingRateLimiter implements BookingRateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(RedisBookingRateLimiter.class);

    /**
     * KEYS[1]: the patient's log. ARGV: now and the window (µs), the attempts allowed, a member unique to this
     * attempt, the key's lifetime (ms). Answers -1 when admitted, else the µs until the oldest entry leaves the window.
     */
    private static final String TRY_ACQUIRE = """
            local now = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
              local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
              return tonumber(oldest[2]) + window - now
            end
            redis.call('ZADD', KEYS[1], now, ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return -1
            """;

    private final RedisConnection redis;
    private final String attempts;
    private final String windowMicros;
    private final String lifetimeMillis;
    private final Clock clock;
    private final String prefix;
    private final LongAdder failOpen = new LongAdder();
    private final ThrottledWarning warning = new ThrottledWarning(LOG, Duration.ofSeconds(30));

    /** Keys start with {@value RedisAvailabilityCache#DEFAULT_KEY_PREFIX}. */
    public RedisBookingRateLimiter(RedisConnection redis, RateLimit limit, Clock clock) {
        this(redis, limit, clock, RedisAvailabilityCache.DEFAULT_KEY_PREFIX);
    }

    /**
     * @param clock     the wall clock (instants of all instances must agree, as NTP makes them); tests pass their own
     * @param keyPrefix prepended to every key, to share one Redis with other apps or tests
     */
    public RedisBookingRateLimiter(RedisConnection redis, RateLimit limit, Clock clock, String keyPrefix) {
        this.redis = redis;
        this.attempts = Integer.toString(limit.attempts());
        // Rounded up, so that a window shorter than the log's resolution still admits no more than the limit.
        this.windowMicros = Long.toString(Math.ceilDiv(limit.window().toNanos(), 1_000));
        this.lifetimeMillis = Long.toString(Math.ceilDiv(limit.window().toNanos(), 1_000_000));
        this.clock = Objects.requireNonNull(clock, "clock");
        // Not Bucket4j's "booking-rate:" keys of earlier versions: another type of value under the same name would
        // make both versions fail open during a rolling deploy.
        this.prefix = keyPrefix + "booking-attempts:";
    }

    @Override
    public Optional<Duration> tryAcquire(PatientId patient) {
        var args = List.of(
                Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant())),
                windowMicros,
                attempts,
                UUID.randomUUID().toString(),
                lifetimeMillis);
        try {
            long answer = (Long) redis.call(jedis -> jedis.eval(TRY_ACQUIRE, List.of(prefix + patient.value()), args));
            return answer < 0 ? Optional.empty() : Optional.of(Duration.of(answer, ChronoUnit.MICROS));
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
}
