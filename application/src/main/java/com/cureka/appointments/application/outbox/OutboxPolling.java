package com.cureka.appointments.application.outbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link DispatchOutbox} every {@code interval} on one daemon thread of this instance. Every instance polls:
 * the claims (SKIP LOCKED and a lease) keep them off each other's deliveries.
 */
public final class OutboxPolling implements AutoCloseable {
    private static final System.Logger log = System.getLogger(OutboxPolling.class.getName());

    private final ScheduledExecutorService executor;

    private OutboxPolling(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    public static OutboxPolling start(DispatchOutbox dispatcher, Duration interval) {
        var executor = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "outbox-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        dispatcher.run();
                    } catch (RuntimeException e) {
                        // The database may be away for a moment: the next pass tries again.
                        log.log(System.Logger.Level.WARNING, "outbox pass failed: " + e);
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return new OutboxPolling(executor);
    }

    /** Lets the pass in flight finish (up to 10 s), so that a delivery just sent is also recorded as sent. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
