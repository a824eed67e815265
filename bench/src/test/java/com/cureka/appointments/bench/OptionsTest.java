package com.cureka.appointments.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --app and --instances: defaults that keep the README's command as it was, and refusals in one line. */
class OptionsTest {
    @Test
    void by_default_one_app_runs_in_the_benchmarks_jvm() {
        var options = Options.parse(new String[] {"--quick"}, Map.of());

        assertThat(options.app()).isEqualTo("in-process");
        assertThat(options.appInChildJvms()).isFalse();
        assertThat(options.instances()).isEqualTo(1);
    }

    @Test
    void app_and_instances_are_read_from_arguments_or_the_environment() {
        var options = Options.parse(new String[] {"--app=process"}, Map.of("BENCH_INSTANCES", "2"));

        assertThat(options.appInChildJvms()).isTrue();
        assertThat(options.instances()).isEqualTo(2);
    }

    @Test
    void unknown_modes_and_no_instances_are_refused() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--app=docker"}, Map.of()))
                .hasMessage("--app is in-process or process, not docker");
        assertThatThrownBy(() -> Options.parse(new String[] {"--instances=0"}, Map.of()))
                .hasMessage("--instances is at least 1, not 0");
    }
}
