package com.cureka.appointments.adapters.http.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every health check at once, each on its own virtual thread, and waits at most the time bound for all
 * of them: a database that hangs must not hang the probe (the orchestrator would time out and learn nothing).
 */
final class Readiness {
    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

    /** Each check by name, and whether every fatal one is up. */
    record Report(boolean ready, Map<String, String> checks) {}

    private final HealthChecks checks;
    private final Duration timeBound;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("health-check-", 0).factory());
    private final Map<String, Boolean> lastSeen = new ConcurrentHashMap<>();

    Readiness(HealthChecks checks, Duration timeBound) {
        this.checks = checks;
        this.timeBound = timeBound;
    }

    Report check() {
        var running = new TreeMap<String, Future<Boolean>>();
        checks.fatal().forEach((name, check) -> running.put(name, executor.submit(check::isUp)));
        checks.informational().forEach((name, check) -> running.put(name, executor.submit(check::isUp)));
        long deadline = System.nanoTime() + timeBound.toNanos();
        var states = new TreeMap<String, String>();
        boolean ready = true;
        for (var entry : running.entrySet()) {
            boolean up = outcome(entry.getKey(), entry.getValue(), deadline);
            states.put(entry.getKey(), up ? "up" : "down");
            ready &= up || !checks.fatal().containsKey(entry.getKey());
        }
        return new Report(ready, states);
    }

    private boolean outcome(String name, Future<Boolean> running, long deadline) {
        String failure;
        try {
            if (Boolean.TRUE.equals(running.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS))) {
                noteState(name, true, null);
                return true;
            }
            failure = "it answered down";
        } catch (TimeoutException e) {
            running.cancel(true);
            failure = "no answer within " + timeBound.toMillis() + " ms";
        } catch (ExecutionException e) {
            // The class only: a driver's message may carry a connection URL with credentials in it.
            failure = e.getCause().getClass().getName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
            failure = "interrupted";
        }
        noteState(name, false, failure);
        return false;
    }

    /** Logs changes only, so that a dependency that stays down does not fill the log at every probe. */
    private void noteState(String name, boolean up, String failure) {
        Boolean before = lastSeen.put(name, up);
        if (up && Boolean.FALSE.equals(before)) {
            LOG.info("Health check {} is up again", name);
        } else if (!up && !Boolean.FALSE.equals(before)) {
            LOG.warn("Health check {} is down: {}", name, failure);
        }
    }
}
