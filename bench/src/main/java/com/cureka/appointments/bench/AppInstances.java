package com.cureka.appointments.bench;

import com.cureka.appointments.bootstrap.Application;
import com.cureka.appointments.bootstrap.Settings;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The app instances of one scenario ({@code --instances}, {@code --app}), all with the same settings and so on the
 * same database. While they run, the pids of child JVMs are what {@link MachineLoad} reports the app's CPU of.
 */
final class AppInstances implements AutoCloseable {
    private final List<AppInstance> instances = new ArrayList<>();

    private AppInstances() {}

    /** Starts {@code count} instances, each in a child JVM logging into {@code logFile.get()}, or all in this JVM. */
    static AppInstances start(Map<String, String> settings, int count, boolean childJvms, Supplier<Path> logFile)
            throws IOException {
        var started = new AppInstances();
        try {
            for (int n = 1; n <= count; n++) {
                long t0 = System.nanoTime();
                if (childJvms) {
                    var child = ChildJvm.start(settings, logFile.get());
                    started.instances.add(child);
                    System.out.printf(
                            "  instance %d: child JVM pid %d on port %d, ready in %d ms; log %s%n",
                            n, child.pid(), child.port(), (System.nanoTime() - t0) / 1_000_000, child.log());
                } else {
                    var app = Application.start(Settings.from(settings), Clock.systemUTC());
                    started.instances.add(new AppInstance.InProcess(app));
                    System.out.printf(
                            "  instance %d: in this JVM on port %d, started in %d ms%n",
                            n, app.port(), (System.nanoTime() - t0) / 1_000_000);
                }
            }
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e;
        }
        MachineLoad.appPids = started.instances.stream()
                .map(AppInstance::pid)
                .filter(pid -> pid > 0)
                .toList();
        return started;
    }

    int size() {
        return instances.size();
    }

    /** A transport to every instance: closed-loop client c talks to instance c mod n. */
    HttpTransport transport(String client) {
        return HttpTransport.of(
                client, instances.stream().map(AppInstance::port).toList());
    }

    @Override
    public void close() {
        MachineLoad.appPids = List.of();
        instances.forEach(AppInstance::stop);
        instances.clear();
    }
}
