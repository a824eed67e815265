package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.appointment.AppointmentQuery;
import com.cureka.appointments.domain.appointment.Appointment;
import org.jdbi.v3.core.Handle;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.cureka.appointments.adapters.postgres.AppointmentRows.COLUMNS;
import static com.cureka.appointments.adapters.postgres.AppointmentRows.PAGE_ORDER;
import static com.cureka.appointments.adapters.postgres.Timestamps.utc;

/**
 * One page of appointments: a condition for each filter the query sets and none for the others (so that the
 * planner sees only what is asked), in {@link AppointmentRows#PAGE_ORDER}, after the cursor by keyset comparison.
 */
final class AppointmentPage {
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> values = new HashMap<>();
    private final int limit;

    private AppointmentPage(AppointmentQuery q) {
        limit = q.limit();
        if (q.patient() != null) {
            where("patient_id = :patient", "patient", q.patient().value());
        }
        if (q.doctor() != null) {
            where("doctor_id = :doctor", "doctor", q.doctor().value());
        }
        if (q.status() != null) {
            where("status = :status", "status", q.status().name());
        }
        if (q.from() != null) {
            where("starts_at >= :from", "from", utc(q.from()));
        }
        if (q.to() != null) {
            where("starts_at < :to", "to", utc(q.to()));
        }
        if (q.after() != null) {
            conditions.add("(" + PAGE_ORDER + ") > (:afterStart, :afterDay, :afterSequence)");
            values.put("afterStart", utc(q.after().start()));
            values.put("afterDay", q.after().number().day().format(DateTimeFormatter.BASIC_ISO_DATE));
            values.put("afterSequence", q.after().number().sequence());
        }
    }

    static List<Appointment> fetch(Handle h, AppointmentQuery query) {
        return new AppointmentPage(query).list(h);
    }

    private void where(String condition, String name, Object value) {
        conditions.add(condition);
        values.put(name, value);
    }

    private List<Appointment> list(Handle h) {
        String sql = "SELECT " + COLUMNS + " FROM appointments"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY " + PAGE_ORDER + " LIMIT :limit";
        return h.createQuery(sql)
                .bindMap(values)
                .bind("limit", limit)
                .map(AppointmentRows::appointment)
                .list();
    }
}
