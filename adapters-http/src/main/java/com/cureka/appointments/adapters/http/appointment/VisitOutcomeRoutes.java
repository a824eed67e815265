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
import com.cureka.appointments.application.appointment.RecordVisitOutcome;
import com.cureka.appointments.application.appointment.RecordVisitOutcome.Outcome;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.util.EnumSet;

/**
 * The front desk's routes: {@code POST …/{id}/complete} and {@code …/no-show}. A patient may not use them at all
 * (403, API.md); a doctor who is not the appointment's is told it does not exist.
 */
public final class VisitOutcomeRoutes {
    private final RecordVisitOutcome recordVisitOutcome;
    private final JsonBody body;
    private final AppointmentViews views;
    private final IdempotentRequests idempotency;

    public VisitOutcomeRoutes(
            RecordVisitOutcome recordVisitOutcome,
            JsonBody body,
            AppointmentViews views,
            IdempotentRequests idempotency) {
        this.recordVisitOutcome = recordVisitOutcome;
        this.body = body;
        this.views = views;
        this.idempotency = idempotency;
    }

    public void addTo(JavalinDefaultRouting routes) {
        var frontDesk = EnumSet.of(Role.DOCTOR, Role.ADMIN);
        routes.post(
                AppointmentRoutes.COLLECTION + "/{appointment_id}/complete",
                Access.rolesIn(frontDesk, (ctx, caller) -> mark(ctx, caller, Outcome.COMPLETED, "/complete")));
        routes.post(
                AppointmentRoutes.COLLECTION + "/{appointment_id}/no-show",
                Access.rolesIn(frontDesk, (ctx, caller) -> mark(ctx, caller, Outcome.NO_SHOW, "/no-show")));
    }

    /** The body is optional: no body at all, {@code {}} and {@code {"note": …}} all mark the visit. */
    private void mark(Context ctx, Caller caller, Outcome outcome, String suffix) {
        var errors = new FieldErrors();
        var request = body.readOptional(ctx, VisitOutcomeRequest.class, errors);
        var key = IdempotentRequests.keyOf(ctx, errors);
        errors.throwIfAny();
        var number = AppointmentRoutes.parseNumber(ctx).orElseThrow(AppointmentRoutes::notFound);
        var note = request.value() == null || Fields.isAbsent(request.value().note())
                ? null
                : request.value().note().strip();
        var command = new RecordVisitOutcome.Command(caller.viewer(), number, outcome, note);
        String path = AppointmentRoutes.pathOf(number.format()) + suffix;
        idempotency.answer(ctx, caller, key, path, request.tree(), () -> switch (recordVisitOutcome.record(command)) {
            case RecordVisitOutcome.Result.Recorded recorded -> Answer.ok(views.one(recorded.details()));
            case RecordVisitOutcome.Result.Rejected rejected ->
                throw new ApiException(Rejections.toError(rejected.reason()));
        });
    }
}
