package com.cureka.appointments.domain.schedule;

import java.time.LocalTime;
import java.util.Objects;

/** One stretch of a working day in the doctor's wall-clock time, for example 09:00–13:00. */
public record WorkingPeriod(LocalTime start, LocalTime end) implements Comparable<WorkingPeriod> {
    public WorkingPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("a working period must start before it ends: " + start + "–" + end);
        }
    }

    public static WorkingPeriod of(String start, String end) {
        return new WorkingPeriod(LocalTime.parse(start), LocalTime.parse(end));
    }

    boolean overlaps(WorkingPeriod other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    @Override
    public int compareTo(WorkingPeriod other) {
        return start.compareTo(other.start);
    }

    @Override
    public String toString() {
        return start + "–" + end;
    }
}
