package com.cureka.appointments.adapters.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Invalidations that Redis did not take (down, frozen, timed out), kept to be carried out again as soon as it
 * answers: by a background retry every {@link #RETRY_EVERY}, so that other instances, which know nothing of them,
 * stop reading the stale entries within seconds of Redis coming back. An instance that dies meanwhile loses them:
 * those entries stay until their TTL ends.
 */
final class LostInvalidations {
    static final Duration RETRY_EVERY = Duration.ofMillis(500);
    /** Beyond this many, everything this cache stored is dropped instead (cheaper than remembering each). */
    static final int MAX_REMEMBERED = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(LostInvalidations.class);

    /** One invalidation to carry out again; it must be harmless to repeat. */
    interface Invalidation {
        void run();
    }

    private final Set<Invalidation> pending = ConcurrentHashMap.newKeySet();
    private final Invalidation dropEverything;
    private final AtomicBoolean retrying = new AtomicBoolean();
    private volatile boolean overflowed;

    LostInvalidations(Invalidation dropEverything) {
        this.dropEverything = dropEverything;
    }

    void remember(Invalidation lost) {
        if (pending.size() >= MAX_REMEMBERED) {
            overflowed = true;
        } else {
            pending.add(lost);
        }
        if (retrying.compareAndSet(false, true)) {
            Thread.ofVirtual().name("redis-invalidation-replay").start(this::retryUntilDone);
        }
    }

    boolean isEmpty() {
        return pending.isEmpty() && !overflowed;
    }

    /** Carries out what is pending; true when nothing is left (Redis took it all). */
    boolean replay() {
        try {
            if (overflowed) {
                dropEverything.run();
                overflowed = false;
                pending.clear();
            }
            for (var lost : pending) {
                lost.run();
                pending.remove(lost);
            }
            return true;
        } catch (RuntimeException stillDown) {
            return false;
        }
    }

    private void retryUntilDone() {
        try {
            while (!isEmpty()) {
                if (replay()) {
                    LOG.info("Redis answers again: the availability invalidations it missed are carried out");
                    break;
                }
                Thread.sleep(RETRY_EVERY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            retrying.set(false);
            if (!isEmpty() && retrying.compareAndSet(false, true)) {
                Thread.ofVirtual().name("redis-invalidation-replay").start(this::retryUntilDone);
            }
        }
    }
}
