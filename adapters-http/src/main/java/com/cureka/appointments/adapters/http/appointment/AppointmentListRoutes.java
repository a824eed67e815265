package com.cureka.appointments.adapters.http.appointment;

import com.cureka.appointments.adapters.http.auth.Access;
import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.adapters.http.json.Envelope;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.adapters.http.request.Fields;
import com.cureka.appointments.application.appointment.ListAppointments;
import com.cureka.appointments.application.port.appointment.AppointmentQuery;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/appointments}: a page of the caller's appointments, by start time. Whose they are comes
 * from the token (a patient's own, a doctor's, or all for an admin), never from the query.
 */
public final class AppointmentListRoutes {
    private static final String STATUSES = Arrays.stream(AppointmentStatus.values())
            .map(AppointmentStatus::code)
            .collect(Collectors.joining(", "));

    private final ListAppointments listAppointments;
    private final AppointmentViews views;

    public AppointmentListRoutes(ListAppointments listAppointments, AppointmentViews views) {
        this.listAppointments = listAppointments;
        this.views = views;
    }

    record AppointmentList(List<AppointmentView> items, String nextCursor) {}

    public void addTo(JavalinDefaultRouting routes) {
        routes.get(AppointmentRoutes.COLLECTION, Access.anyRole(this::list));
    }

    private void list(Context ctx, Caller caller) {
        var errors = new FieldErrors();
        var status = status(param(ctx, "status"), errors);
        var from = Fields.offsetDateTime(param(ctx, "from"), "from", errors);
        var to = Fields.offsetDateTime(param(ctx, "to"), "to", errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add("to", FieldCode.INVALID_FORMAT, "must be after from");
        }
        int limit = limit(param(ctx, "limit"), errors);
        var after = cursor(param(ctx, "cursor"), errors);
        errors.throwIfAny();
        var page = listAppointments.list(new ListAppointments.Query(caller.viewer(), status, from, to, limit, after));
        ctx.json(Envelope.ok(new AppointmentList(
                views.page(page.items()), page.next() == null ? null : PageCursor.encode(page.next()))));
    }

    /** An empty parameter ({@code ?status=}) counts as not sent, as HTML forms send them. */
    private static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static AppointmentStatus status(String text, FieldErrors errors) {
        if (text == null) {
            return null;
        }
        for (AppointmentStatus status : AppointmentStatus.values()) {
            if (status.code().equals(text.toLowerCase(Locale.ROOT))) {
                return status;
            }
        }
        errors.add("status", FieldCode.INVALID_FORMAT, "must be one of " + STATUSES);
        return null;
    }

    private static int limit(String text, FieldErrors errors) {
        if (text == null) {
            return ListAppointments.DEFAULT_PAGE_SIZE;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= ListAppointments.MAX_PAGE_SIZE) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        errors.add(
                "limit",
                FieldCode.INVALID_FORMAT,
                "must be a whole number from 1 to " + ListAppointments.MAX_PAGE_SIZE);
        return ListAppointments.DEFAULT_PAGE_SIZE;
    }

    private static AppointmentQuery.Cursor cursor(String text, FieldErrors errors) {
        if (text == null) {
            return null;
        }
        var cursor = PageCursor.decode(text);
        if (cursor.isEmpty()) {
            errors.add(
                    "cursor", FieldCode.INVALID_FORMAT, "is not a cursor this API gave out; start again without one");
        }
        return cursor.orElse(null);
    }
}
