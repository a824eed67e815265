package com.cureka.appointments.adapters.fhir;

import com.cureka.appointments.adapters.http.Ports;
import com.cureka.appointments.adapters.http.UseCases;
import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.auth.JwtSettings;
import com.cureka.appointments.adapters.http.auth.TokenVerifier;
import com.cureka.appointments.adapters.http.error.ApiError;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.adapters.http.error.Rejections;
import com.cureka.appointments.adapters.http.json.Json;
import com.cureka.appointments.adapters.http.trace.RequestIds;
import com.cureka.appointments.domain.booking.BookingRules;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.JavalinDefaultRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The FHIR R4 facade (API.md, "FHIR R4") over the same use cases as {@code /api/v1}: mounted on the HTTP adapter's
 * server with {@code HttpApi.withRoutes(fhir)}, the same bearer tokens and roles, and every refusal made by
 * {@link Rejections} (the same status and code) written as an {@code OperationOutcome}. No rule lives here: this class
 * is the route table, and every route runs through {@link #run} (negotiation, authentication, handler, outcome).
 */
public final class FhirApi implements Consumer<JavalinDefaultRouting> {
    public static final String BASE = "/fhir/R4";
    public static final String CONTENT_TYPE = "application/fhir+json; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(FhirApi.class);

    private final ObjectMapper mapper = Json.newMapper();
    private final FhirAuthentication authentication;
    private final FhirResponses responses;
    private final DirectoryRoutes directory;
    private final AppointmentReadRoutes appointments;
    private final BookingOperations booking;
    private final CancelOperation cancel;

    public FhirApi(UseCases useCases, Ports ports, JwtSettings jwt, BookingRules rules, Clock clock) {
        Objects.requireNonNull(useCases, "use cases");
        Objects.requireNonNull(ports, "ports");
        this.authentication =
                new FhirAuthentication(new TokenVerifier(Objects.requireNonNull(jwt, "JWT settings"), clock));
        Objects.requireNonNull(clock, "clock");
        var resources = new FhirResources(mapper, Objects.requireNonNull(rules, "booking rules"));
        var idempotency = new FhirIdempotency(ports.idempotency(), mapper, clock);
        this.responses = new FhirResponses(mapper);
        this.directory = new DirectoryRoutes(useCases, clock, resources, responses);
        this.appointments = new AppointmentReadRoutes(useCases, ports, resources, responses);
        this.booking = new BookingOperations(
                useCases, clock, mapper, resources, responses, idempotency, directory, appointments);
        this.cancel = new CancelOperation(useCases, mapper, responses, idempotency, appointments);
    }

    @FunctionalInterface
    private interface FhirHandler {
        void handle(Context ctx, Caller caller);
    }

    @Override
    public void accept(JavalinDefaultRouting routes) {
        routes.get(
                BASE + "/metadata",
                ctx -> run(ctx, false, (c, caller) -> responses.write(c, 200, FhirMetadata.of(mapper))));
        routes.get(BASE + "/Practitioner", ctx -> run(ctx, true, directory::searchPractitioners));
        routes.get(BASE + "/Practitioner/{id}", ctx -> run(ctx, true, directory::readPractitioner));
        routes.get(BASE + "/Schedule", ctx -> run(ctx, true, directory::searchSchedules));
        routes.get(BASE + "/Slot", ctx -> run(ctx, true, directory::searchSlots));
        routes.get(BASE + "/Appointment", ctx -> run(ctx, true, appointments::searchAppointments));
        routes.get(BASE + "/Appointment/{id}", ctx -> run(ctx, true, appointments::readAppointment));
        routes.post(BASE + "/Appointment/$find", ctx -> run(ctx, true, booking::find));
        routes.post(BASE + "/Appointment/$book", ctx -> run(ctx, true, booking::book));
        routes.post(BASE + "/Appointment/{id}/$cancel", ctx -> run(ctx, true, cancel::cancel));
        // Anything else under the base is FHIR's 404 (or 405), not the JSON envelope of /api/v1.
        for (var method : List.of("get", "post", "put", "patch", "delete")) {
            Handler unknown = ctx -> run(ctx, false, (c, caller) -> {
                throw ApiException.of(ErrorCode.NOT_FOUND, "This FHIR server has no such resource or operation");
            });
            switch (method) {
                case "get" -> routes.get(BASE + "/<rest>", unknown);
                case "post" -> routes.post(BASE + "/<rest>", unknown);
                case "put" -> routes.put(BASE + "/<rest>", unknown);
                case "patch" -> routes.patch(BASE + "/<rest>", unknown);
                default -> routes.delete(BASE + "/<rest>", unknown);
            }
        }
    }

    /** Content negotiation, authentication, then the handler; every failure becomes an OperationOutcome. */
    private void run(Context ctx, boolean authenticated, FhirHandler handler) {
        try {
            FhirNegotiation.negotiate(ctx);
            Caller caller = authenticated ? authentication.authenticate(ctx) : null;
            handler.handle(ctx, caller);
        } catch (ApiException e) {
            responses.fail(ctx, e.error());
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure of {} {} (request {})", ctx.method(), ctx.path(), RequestIds.of(ctx), e);
            responses.fail(
                    ctx,
                    ApiError.of(
                            ErrorCode.INTERNAL_ERROR,
                            "Something went wrong; please quote the request id if you report it"));
        }
    }
}
