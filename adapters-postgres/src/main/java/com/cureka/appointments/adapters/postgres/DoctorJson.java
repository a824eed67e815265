package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.schedule.TimeOff;
import com.cureka.appointments.domain.schedule.WorkingHours;
import com.cureka.appointments.domain.schedule.WorkingPeriod;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The doctors' jsonb columns, mapped by hand so that the stored shape is explicit and does not change when a
 * domain record does:
 * <pre>
 * working_hours         {"monday": [{"start": "09:00", "end": "13:00"}, ...], ...}
 * time_off              [{"id": "…uuid…", "from": "2025-12-01T03:30:00Z", "to": "2025-12-05T12:30:00Z", "reason": "..."}, ...]
 * calendar_event_types  {"consultation": "1234", ...}
 * </pre>
 */
final class DoctorJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DoctorJson() {}

    static String workingHours(WorkingHours hours) {
        ObjectNode days = JSON.createObjectNode();
        for (DayOfWeek day : DayOfWeek.values()) {
            if (hours.on(day).isEmpty()) {
                continue;
            }
            ArrayNode periods = days.putArray(day.name().toLowerCase(Locale.ROOT));
            for (WorkingPeriod period : hours.on(day)) {
                periods.addObject()
                        .put("start", period.start().toString())
                        .put("end", period.end().toString());
            }
        }
        return days.toString();
    }

    static WorkingHours workingHours(String json) {
        var periods = new EnumMap<DayOfWeek, List<WorkingPeriod>>(DayOfWeek.class);
        read(json).properties().forEach(day -> {
            var list = new ArrayList<WorkingPeriod>();
            day.getValue()
                    .forEach(p -> list.add(new WorkingPeriod(
                            LocalTime.parse(p.get("start").asText()),
                            LocalTime.parse(p.get("end").asText()))));
            periods.put(DayOfWeek.valueOf(day.getKey().toUpperCase(Locale.ROOT)), list);
        });
        return new WorkingHours(periods);
    }

    static String timeOff(List<TimeOff> timeOff) {
        ArrayNode all = JSON.createArrayNode();
        for (TimeOff off : timeOff) {
            all.addObject()
                    .put("id", off.id().toString())
                    .put("from", off.from().toString())
                    .put("to", off.to().toString())
                    .put("reason", off.reason());
        }
        return all.toString();
    }

    static List<TimeOff> timeOff(String json) {
        var all = new ArrayList<TimeOff>();
        read(json)
                .forEach(off -> all.add(new TimeOff(
                        UUID.fromString(off.get("id").asText()),
                        Instant.parse(off.get("from").asText()),
                        Instant.parse(off.get("to").asText()),
                        textOrNull(off.get("reason")))));
        return all;
    }

    static String eventTypes(Map<AppointmentType, String> eventTypes) {
        ObjectNode types = JSON.createObjectNode();
        for (AppointmentType type : AppointmentType.values()) {
            if (eventTypes.containsKey(type)) {
                types.put(type.code(), eventTypes.get(type));
            }
        }
        return types.toString();
    }

    static Map<AppointmentType, String> eventTypes(String json) {
        var types = new EnumMap<AppointmentType, String>(AppointmentType.class);
        read(json)
                .properties()
                .forEach(entry -> types.put(
                        AppointmentType.fromCode(entry.getKey())
                                .orElseThrow(() -> new IllegalStateException(
                                        "unknown appointment type in doctors.calendar_event_types: " + entry.getKey())),
                        entry.getValue().asText()));
        return types;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON in the doctors table: " + json, e);
        }
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
