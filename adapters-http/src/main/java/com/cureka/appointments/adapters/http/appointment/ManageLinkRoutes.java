package com.cureka.appointments.adapters.http.appointment;

import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.adapters.http.error.Rejections;
import com.cureka.appointments.adapters.http.idempotency.IdempotentRequests;
import com.cureka.appointments.adapters.http.json.Envelope;
import com.cureka.appointments.adapters.http.manage.SignedManageLinks;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.adapters.http.request.Fields;
import com.cureka.appointments.adapters.http.request.JsonBody;
import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.access.Viewer;
import com.cureka.appointments.application.appointment.CancelAppointment;
import com.cureka.appointments.application.appointment.GetAppointment;
import com.cureka.appointments.application.appointment.RescheduleAppointment;
import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.time.Clock;

/**
 * The manage-link API (API.md, "Manage links"): no bearer token, the signed token in the path is the credential. It
 * acts as the appointment's patient would, with the same use cases, rules and error codes. A token that does not
 * verify is {@code 404 LINK_INVALID}; one that verifies but names an older version of the appointment, or whose
 * appointment has started, is {@code 410 LINK_EXPIRED}. Neither says whether the appointment exists.
 */
public final class ManageLinkRoutes {
    public static final String PATH = "/api/v1/manage/{token}";

    private final SignedManageLinks links;
    private final Appointments appointments;
    private final GetAppointment getAppointment;
    private final CancelAppointment cancelAppointment;
    private final RescheduleAppointment rescheduleAppointment;
    private final JsonBody body;
    private final Clock clock;

    public ManageLinkRoutes(
            SignedManageLinks links,
            Appointments appointments,
            GetAppointment getAppointment,
            CancelAppointment cancelAppointment,
            RescheduleAppointment rescheduleAppointment,
            JsonBody body,
            Clock clock) {
        this.links = links;
        this.appointments = appointments;
        this.getAppointment = getAppointment;
        this.cancelAppointment = cancelAppointment;
        this.rescheduleAppointment = rescheduleAppointment;
        this.body = body;
        this.clock = clock;
    }

    public void addTo(JavalinDefaultRouting routes) {
        routes.get(PATH, this::get);
        routes.post(PATH + "/cancel", this::cancel);
        routes.post(PATH + "/reschedule", this::reschedule);
    }

    /** The appointment the link stands for and its patient, when the link is ours and still current. */
    private record Holder(AppointmentNumber number, Viewer patient) {}

    private Holder holder(Context ctx) {
        var claim = links.verify(ctx.pathParam("token"))
                .orElseThrow(() -> ApiException.of(ErrorCode.LINK_INVALID, "This link is not valid"));
        var now = clock.instant();
        var appointment = appointments.byNumber(claim.number()).orElse(null);
        if (appointment == null
                || !now.isBefore(claim.expiresAt())
                || !now.isBefore(appointment.slot().start())
                || appointments.history(claim.number()).size() - 1L != claim.version()) {
            throw expired();
        }
        return new Holder(claim.number(), new Viewer(appointment.patientId().value(), Role.PATIENT));
    }

    private static ApiException expired() {
        return ApiException.of(
                ErrorCode.LINK_EXPIRED, "This link has expired: the appointment changed since, or has started");
    }

    private void get(Context ctx) {
        var holder = holder(ctx);
        var details = getAppointment.get(holder.patient(), holder.number()).orElseThrow(ManageLinkRoutes::expired);
        ctx.json(Envelope.ok(AppointmentView.of(details)));
    }

    private void cancel(Context ctx) {
        var errors = new FieldErrors();
        var request = body.readOptional(ctx, CancelRequest.class, errors);
        errors.throwIfAny();
        var holder = holder(ctx);
        String reason =
                request.value() == null ? null : blankToNull(request.value().reason());
        switch (cancelAppointment.cancel(new CancelAppointment.Command(holder.patient(), holder.number(), reason))) {
            case CancelAppointment.Result.Cancelled cancelled ->
                ctx.json(Envelope.ok(AppointmentView.of(cancelled.details())));
            case CancelAppointment.Result.Rejected rejected ->
                throw new ApiException(Rejections.toError(rejected.reason()));
        }
    }

    private void reschedule(Context ctx) {
        var errors = new FieldErrors();
        var request = body.readParsed(ctx, RescheduleRequest.class, errors);
        var newStart = request.value().newStart(errors);
        errors.throwIfAny();
        var holder = holder(ctx);
        var command = new RescheduleAppointment.Command(
                holder.patient(),
                holder.number(),
                newStart,
                blankToNull(request.value().reason()));
        switch (rescheduleAppointment.reschedule(command)) {
            case RescheduleAppointment.Result.Rescheduled moved ->
                ctx.json(Envelope.ok(AppointmentView.of(moved.details())));
            case RescheduleAppointment.Result.AlreadyThere same -> {
                ctx.header(IdempotentRequests.REPLAYED_HEADER, "true");
                ctx.json(Envelope.ok(AppointmentView.of(same.details())));
            }
            case RescheduleAppointment.Result.Rejected rejected ->
                throw new ApiException(Rejections.toError(rejected.refusal()));
        }
    }

    private static String blankToNull(String text) {
        return Fields.isAbsent(text) ? null : text.strip();
    }
}
