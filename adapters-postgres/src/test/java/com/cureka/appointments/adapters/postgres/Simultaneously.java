package com.cureka.appointments.adapters.postgres;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs calls at the same moment, each on its own thread. */
final class Simultaneously {
    private Simultaneously() {}

    /** {@code threads} copies of {@code call}, released together; their results in thread order. */
    static <T> List<T> run(int threads, Callable<T> call) throws Exception {
        return run(Collections.nCopies(threads, call));
    }

    static <T> List<T> run(List<Callable<T>> calls) throws Exception {
        var executor = Executors.newFixedThreadPool(calls.size());
        var barrier = new CyclicBarrier(calls.size());
        try {
            var futures = calls.stream()
                    .map(call -> executor.submit(() -> {
                        barrier.await();
                        return call.call();
                    }))
                    .toList();
            var results = new ArrayList<T>();
            for (var future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }
}
