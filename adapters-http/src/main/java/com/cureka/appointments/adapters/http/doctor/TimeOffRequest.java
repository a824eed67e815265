package com.cureka.appointments.adapters.http.doctor;

import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.adapters.http.request.Fields;
import com.cureka.appointments.domain.schedule.TimeOff;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.ZoneId;

/** The body of {@code POST /api/v1/admin/doctors/{id}/time-off}: {@code from} before {@code to}, both with an offset. */
record TimeOffRequest(
        String from,
        String to,

        @Size(max = TimeOff.MAX_REASON_LENGTH, message = "must be at most {max} characters")
        String reason) {

    /** The time off, or null when a field is wrong (noted in {@code errors}). */
    TimeOff toDomain(ZoneId doctorZone, FieldErrors errors) {
        var start = required(from, "from", doctorZone, errors);
        var end = required(to, "to", doctorZone, errors);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add("to", FieldCode.INVALID_FORMAT, "must be after from");
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new TimeOff(start, end, Fields.isAbsent(reason) ? null : reason.strip());
    }

    private static Instant required(String text, String field, ZoneId doctorZone, FieldErrors errors) {
        if (Fields.isAbsent(text)) {
            if (!errors.has(field)) {
                errors.add(field, FieldCode.REQUIRED, "is required, e.g. 2025-09-23T09:00:00+05:30");
            }
            return null;
        }
        return Fields.offsetDateTime(text, field, doctorZone, errors);
    }
}
