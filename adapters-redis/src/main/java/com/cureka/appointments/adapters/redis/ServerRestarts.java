package com.cureka.appointments.adapters.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Notices that the Redis server was restarted (its {@code run_id} changed), e.g. from a snapshot older than the
 * invalidations since: then every entry it holds may be stale. Asks at most once per {@link #CHECK_EVERY}.
 */
final class ServerRestarts {
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    private static final Pattern RUN_ID = Pattern.compile("run_id:(\\w+)");

    private final RedisConnection redis;
    private final AtomicReference<String> lastRunId = new AtomicReference<>();
    private final AtomicLong nextCheck = new AtomicLong(System.nanoTime());

    ServerRestarts(RedisConnection redis) {
        this.redis = redis;
    }

    /** Whether the server is another one than last seen; asks Redis only when a check is due. Throws when it cannot. */
    boolean restartedSinceLastCheck() {
        long due = nextCheck.get();
        if (System.nanoTime() - due < 0 || !nextCheck.compareAndSet(due, System.nanoTime() + CHECK_EVERY.toNanos())) {
            return false;
        }
        var matcher = RUN_ID.matcher(redis.call(jedis -> jedis.info("server")));
        if (!matcher.find()) {
            return false;
        }
        String seen = lastRunId.getAndSet(matcher.group(1));
        return seen != null && !seen.equals(matcher.group(1));
    }
}
