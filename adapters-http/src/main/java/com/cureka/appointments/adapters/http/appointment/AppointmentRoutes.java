package com.cureka.appointments.adapters.http.appointment;

import com.cureka.appointments.adapters.http.auth.Access;
import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.adapters.http.error.Rejections;
import com.cureka.appointments.adapters.http.idempotency.IdempotentRequests;
import com.cureka.appointments.adapters.http.idempotency.IdempotentRequests.Answer;
import com.cureka.appointments.adapters.http.json.Envelope;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.adapters.http.request.JsonBody;
import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.appointment.BookAppointment;
import com.cureka.appointments.application.appointment.GetAppointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;

import java.util.Optional;

/** Booking an appointment and reading one back. */
public final class AppointmentRoutes {
    static final String COLLECTION = "/api/v1/appointments";

    private final BookAppointment bookAppointment;
    private final GetAppointment getAppointment;
    private final JsonBody body;
    private final AppointmentViews views;
    private final IdempotentRequests idempotency;

    public AppointmentRoutes(
            BookAppointment bookAppointment,
            GetAppointment getAppointment,
            JsonBody body,
            AppointmentViews views,
            IdempotentRequests idempotency) {
        this.bookAppointment = bookAppointment;
        this.getAppointment = getAppointment;
        this.body = body;
        this.views = views;
        this.idempotency = idempotency;
    }

    public void addTo(JavalinDefaultRouting routes) {
        routes.post(COLLECTION, Access.only(Role.PATIENT, this::book));
        routes.get(COLLECTION + "/{appointment_id}", Access.anyRole(this::get));
    }

    /** Authentication, then the request's fields and key, then the key's bookkeeping, then the use case. */
    private void book(Context ctx, Caller caller) {
        var errors = new FieldErrors();
        var request = body.readParsed(ctx, BookAppointmentRequest.class, errors);
        var key = IdempotentRequests.keyOf(ctx, errors);
        var command = request.value().toCommand(caller, errors);
        errors.throwIfAny();
        idempotency.answer(ctx, caller, key, COLLECTION, request.tree(), () -> switch (bookAppointment.book(command)) {
            case BookAppointment.Result.Booked booked -> {
                // The shape API.md gives for a new booking; its history (one line) is read with GET, not here,
                // which saves the booking a database round trip.
                var view = AppointmentView.of(booked.details());
                yield new Answer(HttpStatus.CREATED.getCode(), view, pathOf(view.appointmentId()));
            }
            case BookAppointment.Result.AlreadyBooked same -> {
                // API.md: a retry is safe without a key; it finds the booking it made.
                ctx.header(IdempotentRequests.REPLAYED_HEADER, "true");
                var view = AppointmentView.of(same.details());
                yield new Answer(HttpStatus.OK.getCode(), view, pathOf(view.appointmentId()));
            }
            case BookAppointment.Result.Rejected rejected ->
                throw new ApiException(Rejections.toError(rejected.refusal()));
        });
    }

    /** Someone else's appointment is "not found", never "forbidden": its existence is not ours to reveal. */
    private void get(Context ctx, Caller caller) {
        var details = parseNumber(ctx)
                .flatMap(number -> getAppointment.get(caller.viewer(), number))
                .orElseThrow(AppointmentRoutes::notFound);
        ctx.json(Envelope.ok(views.one(details)));
    }

    static Optional<AppointmentNumber> parseNumber(Context ctx) {
        return AppointmentNumber.parse(ctx.pathParam("appointment_id"));
    }

    static String pathOf(String appointmentId) {
        return COLLECTION + "/" + appointmentId;
    }

    static ApiException notFound() {
        return ApiException.of(ErrorCode.APPOINTMENT_NOT_FOUND, "Appointment not found");
    }
}
