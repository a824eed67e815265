package com.cureka.appointments.bench;

import com.sun.management.OperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How busy the machine was during a measurement: the CPU this JVM used (load generator and fakes, and the app when
 * it runs in this JVM), the CPU of the app's child JVMs when it runs in its own ({@code --app=process}, from
 * {@code /proc/<pid>/stat}), and the CPU every process used, from {@code /proc/stat}, all in cores; the load average
 * at the end. On a shared 2-core machine this tells a slow figure caused by a neighbour from one caused by us.
 */
final class MachineLoad {
    /** {@code appTicks}: utime + stime of the app's child JVMs together, -1 when there are none or one is unreadable. */
    record Sample(long wallNanos, long processCpuNanos, long busyTicks, long totalTicks, long appTicks) {}

    /**
     * {@code busyBefore}: cores the other processes kept busy just before the level started (our load stopped);
     * {@code appCores}: the app's child JVMs together, NaN when the app runs in this JVM (then it is in
     * {@code processCores}).
     */
    record Usage(double processCores, double machineCores, double loadAverage, double busyBefore, double appCores) {
        @Override
        public String toString() {
            return (Double.isNaN(appCores)
                            ? "bench JVM %.2f cores".formatted(processCores)
                            : "app JVMs %.2f cores, bench JVM (load generator) %.2f".formatted(appCores, processCores))
                    + ", machine %.2f of %d cores busy (%.2f just before), load average %.1f"
                            .formatted(machineCores, CORES, busyBefore, loadAverage);
        }

        Usage withBusyBefore(double busy) {
            return new Usage(processCores, machineCores, loadAverage, busy, appCores);
        }
    }

    static final int CORES = Runtime.getRuntime().availableProcessors();

    /** The pids of the app's child JVMs while they run ({@code --app=process}); empty when the app is in this JVM. */
    static volatile List<Long> appPids = List.of();

    private MachineLoad() {}

    static Sample sample() {
        long cpu = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            cpu = os.getProcessCpuTime();
        }
        long busy = 0;
        long total = 0;
        try {
            String line = Files.readAllLines(Path.of("/proc/stat"))
                    .getFirst(); // cpu user nice system idle iowait irq softirq steal
            String[] fields = line.trim().split("\\s+");
            for (int i = 1; i < fields.length && i <= 8; i++) {
                long value = Long.parseLong(fields[i]);
                total += value;
                if (i != 4 && i != 5) { // idle, iowait
                    busy += value;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: machine figures unknown
        }
        return new Sample(System.nanoTime(), cpu, busy, total, appTicks(appPids));
    }

    private static long appTicks(List<Long> pids) {
        if (pids.isEmpty()) {
            return -1;
        }
        long sum = 0;
        for (long pid : pids) {
            long ticks = ProcStat.cpuTicks(pid);
            if (ticks < 0) {
                return -1;
            }
            sum += ticks;
        }
        return sum;
    }

    static Usage between(Sample from, Sample to) {
        double wall = (to.wallNanos() - from.wallNanos()) / 1e9;
        double process = wall <= 0 ? 0 : (to.processCpuNanos() - from.processCpuNanos()) / 1e9 / wall;
        long totalTicks = to.totalTicks() - from.totalTicks();
        double machine =
                totalTicks <= 0 ? Double.NaN : (double) (to.busyTicks() - from.busyTicks()) / totalTicks * CORES;
        double app = wall <= 0 || from.appTicks() < 0 || to.appTicks() < 0
                ? Double.NaN
                : (double) (to.appTicks() - from.appTicks()) / ProcStat.TICKS_PER_SECOND / wall;
        return new Usage(
                process, machine, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Double.NaN, app);
    }

    /**
     * On a shared machine: waits (at most {@code maxWait}) until the machine, with our load stopped, has at most
     * {@code threshold} cores busy over a second; answers the last busy figure. A threshold ≤ 0 does not wait.
     */
    static double awaitQuiet(double threshold, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        double busy;
        boolean said = false;
        while (true) {
            var from = sample();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Double.NaN;
            }
            var usage = between(from, sample());
            // Our app's child JVMs (background jobs between levels) are ours, not the neighbours'.
            busy = usage.machineCores()
                    - usage.processCores()
                    - (Double.isNaN(usage.appCores()) ? 0 : usage.appCores());
            if (threshold <= 0 || Double.isNaN(busy) || busy <= threshold || System.nanoTime() > deadline) {
                if (said) {
                    System.out.printf(
                            "    (other processes: %.2f cores busy; %s)%n",
                            busy, busy <= threshold ? "going on" : "gave up waiting");
                }
                return busy;
            }
            if (!said) {
                System.out.printf(
                        "    waiting for the machine to quiet down: other processes keep %.2f cores busy (threshold %.2f, at most %d s)%n",
                        busy, threshold, maxWait.toSeconds());
                said = true;
            }
        }
    }
}
