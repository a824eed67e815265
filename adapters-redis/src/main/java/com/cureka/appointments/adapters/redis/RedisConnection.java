package com.cureka.appointments.adapters.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The app's pool of connections to one Redis (the one in {@code REDIS_URL}), shared by the availability cache and
 * the booking rate limiter. Every call is bounded: connecting, each reply, and waiting for a free pooled connection
 * each give up after {@code timeout}. After Redis failed to answer, calls are skipped (they fail at once) for
 * {@code coolDown}, so that a Redis that hangs costs one timeout a second rather than one per request. Nothing
 * connects until the first call, so the app starts even while Redis is down.
 */
public final class RedisConnection implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(300);
    public static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(1);
    private static final int POOL_SIZE = 32;
    private static final Logger LOG = LoggerFactory.getLogger(RedisConnection.class);

    private final RedisUrl url;
    private final Duration timeout;
    private final long coolDownNanos;
    private final JedisPooled jedis;
    /** {@link System#nanoTime()} before which calls are skipped; only meaningful while {@link #failing}. */
    private final AtomicLong skipUntil = new AtomicLong();

    private final AtomicBoolean failing = new AtomicBoolean();

    /** Connects with {@link #DEFAULT_TIMEOUT} and {@link #DEFAULT_COOL_DOWN}. */
    public RedisConnection(String url) {
        this(url, DEFAULT_TIMEOUT, DEFAULT_COOL_DOWN);
    }

    /**
     * @param url      {@code redis://} or {@code rediss://} (TLS), with optional user, password and database number
     * @param timeout  the longest any single step of a call may take (connect, reply, wait for a pooled connection)
     * @param coolDown how long calls are skipped after Redis failed to answer (zero: never skip)
     * @throws IllegalArgumentException when the URL is not a Redis URL (the message never shows a password)
     */
    public RedisConnection(String url, Duration timeout, Duration coolDown) {
        this.url = RedisUrl.parse(url);
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the Redis timeout must be positive");
        }
        if (coolDown.isNegative()) {
            throw new IllegalArgumentException("the Redis cool-down cannot be negative");
        }
        this.timeout = timeout;
        this.coolDownNanos = coolDown.toNanos();
        var client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) timeout.toMillis())
                .socketTimeoutMillis((int) timeout.toMillis())
                .user(this.url.user())
                .password(this.url.password())
                .database(this.url.database())
                .ssl(this.url.tls())
                .build();
        var pool = new ConnectionPoolConfig();
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxIdle(POOL_SIZE);
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(timeout); // the pool's default is to wait for ever
        pool.setJmxEnabled(false);
        this.jedis = new JedisPooled(pool, new HostAndPort(this.url.host(), this.url.port()), client);
    }

    /** True when Redis answered PING within the timeout; never throws and ignores the cool-down (a health probe). */
    public boolean ping() {
        try {
            return "PONG".equals(jedis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Runs one command (or one transaction) against Redis. Throws what Jedis throws, or {@link Unavailable} at once
     * while cooling down after a failure; callers decide what a failure means for them.
     */
    <T> T call(Function<UnifiedJedis, T> command) {
        if (failing.get() && System.nanoTime() - skipUntil.get() < 0) {
            throw Unavailable.COOLING_DOWN;
        }
        try {
            T result = command.apply(jedis);
            if (failing.compareAndSet(true, false)) {
                LOG.info("Redis at {} answers again", url);
            }
            return result;
        } catch (JedisDataException e) {
            throw e; // Redis answered with an error: it is up, so no cool-down
        } catch (JedisException e) {
            skipUntil.set(System.nanoTime() + coolDownNanos);
            failing.set(true);
            throw e;
        }
    }

    @Override
    public void close() {
        jedis.close();
    }

    /** The URL without its password. */
    @Override
    public String toString() {
        return url.toString();
    }

    /** Thrown instead of calling Redis while cooling down after a failure. */
    static final class Unavailable extends RuntimeException {
        static final Unavailable COOLING_DOWN =
                new Unavailable("Redis failed moments ago; not called during the cool-down");

        private Unavailable(String message) {
            super(
                    message, null, false,
                    false); // shared and without a stack trace: it is thrown often while Redis is down
        }
    }
}
