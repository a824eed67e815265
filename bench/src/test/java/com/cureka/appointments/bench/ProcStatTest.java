package com.cureka.appointments.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** utime + stime are fields 14 and 15 of /proc/<pid>/stat, counted after the command name in parentheses. */
class ProcStatTest {
    @Test
    void utime_and_stime_are_summed() {
        String stat = "8665 (java) S 8662 8662 7124 0 -1 4194304 102 0 0 0 1234 567 0 0 20 0 41 0 73912 3133440 415";

        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void a_command_name_with_spaces_and_parentheses_does_not_shift_the_fields() {
        String stat = "42 (my (odd) app 1) R 1 42 42 0 -1 4194304 10 0 0 0 300 45 7 8 20 0 1 0 100 2000 30";

        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(345);
    }

    @Test
    void this_jvm_can_be_read_and_its_cpu_only_grows() {
        long pid = ProcessHandle.current().pid();
        long before = ProcStat.cpuTicks(pid);
        long spin = System.nanoTime() + 50_000_000;
        while (System.nanoTime() < spin) {
            Thread.onSpinWait();
        }

        assertThat(before).isPositive();
        assertThat(ProcStat.cpuTicks(pid)).isGreaterThanOrEqualTo(before);
        assertThat(ProcStat.cpuTicks(Long.MAX_VALUE)).isEqualTo(-1); // no such process
        assertThat(ProcStat.TICKS_PER_SECOND).isPositive();
    }
}
