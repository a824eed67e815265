package com.cureka.appointments.adapters.fhir;

import com.cureka.appointments.adapters.http.UseCases;
import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.Rejections;
import com.cureka.appointments.adapters.http.idempotency.IdempotentRequests;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.adapters.http.request.Fields;
import com.cureka.appointments.application.appointment.CancelAppointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** {@code POST Appointment/{id}/$cancel}, over {@code CancelAppointment}, idempotent like {@code $book}. */
final class CancelOperation {
    private final UseCases useCases;
    private final ObjectMapper mapper;
    private final FhirResponses responses;
    private final FhirIdempotency idempotency;
    private final AppointmentReadRoutes appointments;

    CancelOperation(
            UseCases useCases,
            ObjectMapper mapper,
            FhirResponses responses,
            FhirIdempotency idempotency,
            AppointmentReadRoutes appointments) {
        this.useCases = useCases;
        this.mapper = mapper;
        this.responses = responses;
        this.idempotency = idempotency;
        this.appointments = appointments;
    }

    /** {@code $cancel}: the Parameters body (with an optional {@code reason}) may be left out. */
    void cancel(Context ctx, Caller caller) {
        var errors = new FieldErrors();
        var key = IdempotentRequests.keyOf(ctx, errors);
        String reason = null;
        JsonNode body = mapper.createObjectNode();
        if (!ctx.body().isBlank()) {
            var params = FhirParameters.resource(mapper, ctx.body(), "Parameters");
            body = params;
            reason = FhirParameters.of(params).code("reason");
        }
        errors.throwIfAny();
        var number = AppointmentNumber.parse(ctx.pathParam("id")).orElseThrow(AppointmentReadRoutes::notFound);
        var command =
                new CancelAppointment.Command(caller.viewer(), number, Fields.isAbsent(reason) ? null : reason.strip());
        String path = FhirApi.BASE + "/Appointment/" + number.format() + "/$cancel";
        responses.send(ctx, idempotency.answer(caller, key, path, body, () -> switch (useCases.cancelAppointment()
                .cancel(command)) {
            case CancelAppointment.Result.Cancelled cancelled ->
                new FhirIdempotency.Answer(
                        200,
                        appointments.resource(cancelled.details()),
                        null,
                        FhirResponses.etag(
                                FhirResources.versionOf(cancelled.details().appointment())));
            case CancelAppointment.Result.Rejected rejected ->
                throw new ApiException(Rejections.toError(rejected.reason()));
        }));
    }
}
