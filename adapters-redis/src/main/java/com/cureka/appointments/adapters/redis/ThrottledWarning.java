package com.cureka.appointments.adapters.redis;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs a recurring failure at WARN at most once per interval, with how many were left out in between, so that a
 * Redis outage yields a few lines a minute rather than one per request.
 */
final class ThrottledWarning {
    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextAllowed;
    private final AtomicLong suppressed = new AtomicLong();

    ThrottledWarning(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nextAllowed = new AtomicLong(System.nanoTime());
    }

    void warn(String what, RuntimeException failure) {
        long now = System.nanoTime();
        long next = nextAllowed.get();
        if (now - next >= 0 && nextAllowed.compareAndSet(next, now + intervalNanos)) {
            long left = suppressed.getAndSet(0);
            // The message is enough for a connection failure; the stack trace goes to DEBUG.
            log.warn(
                    "{}: {}{}",
                    what,
                    failure.toString(),
                    left == 0 ? "" : " (and " + left + " more since the last warning)");
            log.debug("{}", what, failure);
        } else {
            suppressed.incrementAndGet();
        }
    }
}
