package com.cureka.appointments.adapters.http.doctor;

import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.domain.schedule.WorkingHours;
import com.cureka.appointments.domain.schedule.WorkingPeriod;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Working hours on the wire: {@code {"monday": [{"start": "09:00", "end": "13:00"}], …}}, lower-case weekday
 * names, 24-hour {@code HH:mm} wall-clock times in the doctor's zone. A weekday left out is a day off.
 */
final class WorkingHoursJson {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm").withResolverStyle(ResolverStyle.STRICT);

    private WorkingHoursJson() {}

    record Period(String start, String end) {}

    static WorkingHours toDomain(Map<String, List<Period>> json, String field, FieldErrors errors) {
        var periods = new EnumMap<DayOfWeek, List<WorkingPeriod>>(DayOfWeek.class);
        json.forEach((dayName, list) -> {
            String dayField = field + "." + dayName;
            var day = weekday(dayName);
            if (day == null) {
                errors.add(dayField, FieldCode.INVALID_FORMAT, "must be a weekday: monday, tuesday, … sunday");
                return;
            }
            var parsed = new ArrayList<WorkingPeriod>();
            for (int i = 0; list != null && i < list.size(); i++) {
                var period = period(list.get(i), dayField + "[" + i + "]", errors);
                if (period != null) {
                    parsed.add(period);
                }
            }
            periods.put(day, parsed);
        });
        if (!errors.isEmpty()) {
            return null;
        }
        try {
            return new WorkingHours(periods);
        } catch (IllegalArgumentException overlapping) {
            errors.add(field, FieldCode.INVALID_FORMAT, "the periods of a day must not overlap");
            return null;
        }
    }

    static Map<String, List<Period>> of(WorkingHours hours) {
        var json = new LinkedHashMap<String, List<Period>>();
        for (DayOfWeek day : DayOfWeek.values()) {
            json.put(
                    name(day),
                    hours.on(day).stream()
                            .map(p -> new Period(TIME.format(p.start()), TIME.format(p.end())))
                            .toList());
        }
        return json;
    }

    private static WorkingPeriod period(Period json, String field, FieldErrors errors) {
        if (json == null) {
            errors.add(field, FieldCode.REQUIRED, "must be an object with start and end");
            return null;
        }
        var start = time(json.start(), field + ".start", errors);
        var end = time(json.end(), field + ".end", errors);
        if (start == null || end == null) {
            return null;
        }
        if (!start.isBefore(end)) {
            errors.add(field + ".end", FieldCode.INVALID_FORMAT, "must be after start");
            return null;
        }
        return new WorkingPeriod(start, end);
    }

    private static LocalTime time(String text, String field, FieldErrors errors) {
        if (text == null || text.isBlank()) {
            errors.add(field, FieldCode.REQUIRED, "is required, as HH:mm");
            return null;
        }
        try {
            return LocalTime.parse(text.strip(), TIME);
        } catch (DateTimeParseException e) {
            errors.add(field, FieldCode.INVALID_FORMAT, "must be a time of day as HH:mm, e.g. 09:00");
            return null;
        }
    }

    private static DayOfWeek weekday(String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (name(day).equals(name)) {
                return day;
            }
        }
        return null;
    }

    private static String name(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }
}
