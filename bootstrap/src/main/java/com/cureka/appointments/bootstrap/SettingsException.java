package com.cureka.appointments.bootstrap;

import java.util.List;

/** One or more settings have bad values; each problem is one line that names the setting. */
public final class SettingsException extends RuntimeException {
    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
