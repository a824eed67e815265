package com.cureka.appointments.adapters.http.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/** For the composition root: the JVM's own meters, on the registry that {@code GET /metrics} shows. */
public final class Metrics {
    private Metrics() {}

    /** What to close at shutdown (it stops listening for GC notifications). */
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /** Memory, garbage collection, threads, class loading, CPU and uptime. */
    public static Binding bindJvm(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        var gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return gc::close;
    }
}
