package com.cureka.appointments.domain.schedule;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The weekly working pattern: for each weekday, zero or more non-overlapping periods, in wall-clock time. */
public record WorkingHours(Map<DayOfWeek, List<WorkingPeriod>> periods) {
    public WorkingHours {
        var copy = new EnumMap<DayOfWeek, List<WorkingPeriod>>(DayOfWeek.class);
        periods.forEach((day, list) -> {
            var sorted = new ArrayList<>(list);
            sorted.sort(null);
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i - 1).overlaps(sorted.get(i))) {
                    throw new IllegalArgumentException(
                            "working periods overlap on " + day + ": " + sorted.get(i - 1) + " and " + sorted.get(i));
                }
            }
            if (!sorted.isEmpty()) {
                copy.put(day, List.copyOf(sorted));
            }
        });
        periods = Map.copyOf(copy);
    }

    /** The story's default: 09:00–18:00 on every day of the week. */
    public static WorkingHours standard() {
        var all = new EnumMap<DayOfWeek, List<WorkingPeriod>>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            all.put(day, List.of(WorkingPeriod.of("09:00", "18:00")));
        }
        return new WorkingHours(all);
    }

    public List<WorkingPeriod> on(DayOfWeek day) {
        return periods.getOrDefault(day, List.of());
    }
}
