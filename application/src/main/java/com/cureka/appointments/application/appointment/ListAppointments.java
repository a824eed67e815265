package com.cureka.appointments.application.appointment;

import com.cureka.appointments.application.access.Viewer;
import com.cureka.appointments.application.port.appointment.AppointmentQuery;
import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.patient.PatientId;

import java.time.Instant;
import java.util.List;

/**
 * Use case: a page of appointments, by start time. A patient sees their own, a doctor theirs, an admin all;
 * the scope comes from the caller, never from the request.
 */
public final class ListAppointments {
    private final Appointments appointments;

    public ListAppointments(Appointments appointments) {
        this.appointments = appointments;
    }

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    public record Query(
            Viewer viewer,
            AppointmentStatus status,
            Instant from,
            Instant to,
            int limit,
            AppointmentQuery.Cursor after) {
        public Query {
            if (limit < 1 || limit > MAX_PAGE_SIZE) {
                throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE_SIZE);
            }
        }
    }

    /** {@code next} is the cursor of the following page, or null on the last page. */
    public record Page(List<Appointment> items, AppointmentQuery.Cursor next) {}

    public Page list(Query query) {
        var viewer = query.viewer();
        var patient = switch (viewer.role()) {
            case PATIENT -> new PatientId(viewer.userId());
            case DOCTOR, ADMIN -> null;
        };
        var doctor = switch (viewer.role()) {
            case DOCTOR -> new DoctorId(viewer.userId());
            case PATIENT, ADMIN -> null;
        };
        // One more than asked tells whether a next page exists without a count query.
        int limit = query.limit();
        var probe = new AppointmentQuery(
                patient, doctor, query.status(), query.from(), query.to(), limit + 1, query.after());
        var rows = appointments.page(probe);
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        var items = rows.subList(0, limit);
        var last = items.getLast();
        return new Page(
                List.copyOf(items), new AppointmentQuery.Cursor(last.slot().start(), last.number()));
    }
}
