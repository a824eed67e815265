package com.cureka.appointments.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time another process has used, from Linux's {@code /proc/<pid>/stat}: the app's child JVMs are not this
 * JVM, so {@code OperatingSystemMXBean} cannot tell. Only utime and stime (fields 14 and 15: the process's own
 * threads, GC and JIT included; not its reaped children).
 */
final class ProcStat {
    /** Clock ticks a second, the unit of utime and stime: {@code getconf CLK_TCK}, 100 on every Linux in practice. */
    static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcStat() {}

    /** utime + stime of process {@code pid} in clock ticks, or -1 when it cannot be read (gone, not Linux). */
    static long cpuTicks(long pid) {
        try {
            return cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * utime + stime from one {@code stat} line. Field 2, the command name, is in parentheses and may itself hold
     * spaces and parentheses ({@code 42 (my (odd) app) S ...}): the fields are counted from the last ')'.
     */
    static long cpuTicks(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 1).strip().split("\\s+");
        // after[0] is field 3 (state): utime, field 14, is after[11]; stime, field 15, after[12].
        return Long.parseLong(after[11]) + Long.parseLong(after[12]);
    }

    private static long ticksPerSecond() {
        try {
            var process = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            return process.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
