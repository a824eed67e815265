package com.cureka.appointments.adapters.webhooks;

import com.cureka.appointments.application.webhook.DeliverWebhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The delivery workers of one instance: each claims a few due deliveries, sends them, and claims again at once while
 * there was work, else sleeps {@code idle}. Every instance runs them; the claim keeps them off each other's work.
 */
public final class WebhookWorkers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookWorkers.class);
    /** Deliveries per claim: the lease covers them all (DeliverWebhooks). */
    public static final int BATCH = 4;

    private final DeliverWebhooks deliver;
    private final int threads;
    private final Duration idle;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Object idleWorkers = new Object();
    private ExecutorService executor;

    public WebhookWorkers(DeliverWebhooks deliver, int threads, Duration idle) {
        this.deliver = deliver;
        this.threads = threads;
        this.idle = idle;
    }

    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        executor = Executors.newFixedThreadPool(
                threads, Thread.ofPlatform().name("webhook-worker-", 1).daemon().factory());
        for (int i = 0; i < threads; i++) {
            executor.submit(this::loop);
        }
    }

    private void loop() {
        while (running.get()) {
            int attempted;
            try {
                attempted = deliver.runOnce(BATCH);
            } catch (RuntimeException e) {
                // The database may be down for a while: keep the worker, try again after a pause.
                log.warn("webhook delivery pass failed; trying again in {}", idle, e);
                attempted = 0;
            }
            if (attempted == 0 && !sleep()) {
                return;
            }
        }
    }

    /**
     * Wakes this instance's idle workers at once: new deliveries were queued here. Other instances find them on
     * their next look, at most {@code idle} later.
     */
    public void wake() {
        synchronized (idleWorkers) {
            idleWorkers.notifyAll();
        }
    }

    private boolean sleep() {
        try {
            synchronized (idleWorkers) {
                // Checked under the monitor close() notifies on, so a close just before this wait is never missed.
                if (running.get()) {
                    idleWorkers.wait(idle.toMillis());
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops claiming, lets attempts in flight end (up to one timeout), then stops. */
    @Override
    public synchronized void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        executor.shutdown();
        wake();
        try {
            if (!executor.awaitTermination(OkHttpWebhookSender.TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
