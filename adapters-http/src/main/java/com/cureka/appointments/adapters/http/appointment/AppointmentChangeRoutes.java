package com.cureka.appointments.adapters.http.appointment;

import com.cureka.appointments.adapters.http.auth.Access;
import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.Rejections;
import com.cureka.appointments.adapters.http.idempotency.IdempotentRequests;
import com.cureka.appointments.adapters.http.idempotency.IdempotentRequests.Answer;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.adapters.http.request.Fields;
import com.cureka.appointments.adapters.http.request.JsonBody;
import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.appointment.CancelAppointment;
import com.cureka.appointments.application.appointment.RescheduleAppointment;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.util.EnumSet;

/**
 * Cancelling and moving an appointment. Who may do it is the use cases' rule (cancel: its patient, its doctor
 * or an admin; move: its patient or an admin); anyone else is told the appointment does not exist.
 */
public final class AppointmentChangeRoutes {
    private final CancelAppointment cancelAppointment;
    private final RescheduleAppointment rescheduleAppointment;
    private final JsonBody body;
    private final AppointmentViews views;
    private final IdempotentRequests idempotency;

    public AppointmentChangeRoutes(
            CancelAppointment cancelAppointment,
            RescheduleAppointment rescheduleAppointment,
            JsonBody body,
            AppointmentViews views,
            IdempotentRequests idempotency) {
        this.cancelAppointment = cancelAppointment;
        this.rescheduleAppointment = rescheduleAppointment;
        this.body = body;
        this.views = views;
        this.idempotency = idempotency;
    }

    public void addTo(JavalinDefaultRouting routes) {
        routes.post(AppointmentRoutes.COLLECTION + "/{appointment_id}/cancel", Access.anyRole(this::cancel));
        // API.md: the owner patient or an admin; the doctor role may not use this route at all (403).
        routes.post(
                AppointmentRoutes.COLLECTION + "/{appointment_id}/reschedule",
                Access.rolesIn(EnumSet.of(Role.PATIENT, Role.ADMIN), this::reschedule));
    }

    /** The body is optional: no body at all, {@code {}} and {@code {"reason": …}} all cancel. */
    private void cancel(Context ctx, Caller caller) {
        var errors = new FieldErrors();
        var request = body.readOptional(ctx, CancelRequest.class, errors);
        var key = IdempotentRequests.keyOf(ctx, errors);
        errors.throwIfAny();
        var number = AppointmentRoutes.parseNumber(ctx).orElseThrow(AppointmentRoutes::notFound);
        String reason =
                request.value() == null ? null : blankToNull(request.value().reason());
        var command = new CancelAppointment.Command(caller.viewer(), number, reason);
        String path = AppointmentRoutes.pathOf(number.format()) + "/cancel";
        idempotency.answer(ctx, caller, key, path, request.tree(), () -> switch (cancelAppointment.cancel(command)) {
            case CancelAppointment.Result.Cancelled cancelled -> Answer.ok(views.one(cancelled.details()));
            case CancelAppointment.Result.Rejected rejected ->
                throw new ApiException(Rejections.toError(rejected.reason()));
        });
    }

    private void reschedule(Context ctx, Caller caller) {
        var errors = new FieldErrors();
        var request = body.readParsed(ctx, RescheduleRequest.class, errors);
        var key = IdempotentRequests.keyOf(ctx, errors);
        var newStart = request.value().newStart(errors);
        errors.throwIfAny();
        var number = AppointmentRoutes.parseNumber(ctx).orElseThrow(AppointmentRoutes::notFound);
        var command = new RescheduleAppointment.Command(
                caller.viewer(), number, newStart, blankToNull(request.value().reason()));
        String path = AppointmentRoutes.pathOf(number.format()) + "/reschedule";
        idempotency.answer(ctx, caller, key, path, request.tree(), () -> switch (rescheduleAppointment.reschedule(
                command)) {
            case RescheduleAppointment.Result.Rescheduled moved -> Answer.ok(views.one(moved.details()));
            case RescheduleAppointment.Result.AlreadyThere same -> {
                // API.md's retry-safe rule: the retry of a move that was made finds it.
                ctx.header(IdempotentRequests.REPLAYED_HEADER, "true");
                yield Answer.ok(views.one(same.details()));
            }
            case RescheduleAppointment.Result.Rejected rejected ->
                throw new ApiException(Rejections.toError(rejected.refusal()));
        });
    }

    private static String blankToNull(String text) {
        return Fields.isAbsent(text) ? null : text.strip();
    }
}
