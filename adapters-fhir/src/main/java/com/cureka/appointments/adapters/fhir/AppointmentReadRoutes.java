package com.cureka.appointments.adapters.fhir;

import com.cureka.appointments.adapters.fhir.FhirSearch.Range;
import com.cureka.appointments.adapters.http.Ports;
import com.cureka.appointments.adapters.http.UseCases;
import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.application.appointment.ListAppointments;
import com.cureka.appointments.application.port.appointment.AppointmentDetails;
import com.cureka.appointments.application.port.appointment.AuditEntry;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.patient.Patient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.UUID;

/** {@code GET Appointment/{id}} and {@code GET Appointment?…}, and the one way an appointment becomes a resource. */
final class AppointmentReadRoutes {
    private final UseCases useCases;
    private final Ports ports;
    private final FhirResources resources;
    private final FhirResponses responses;

    AppointmentReadRoutes(UseCases useCases, Ports ports, FhirResources resources, FhirResponses responses) {
        this.useCases = useCases;
        this.ports = ports;
        this.resources = resources;
        this.responses = responses;
    }

    /** One answer for "no such number" and "not yours", so a number's existence does not leak. */
    static ApiException notFound() {
        return ApiException.of(ErrorCode.APPOINTMENT_NOT_FOUND, "Appointment not found");
    }

    void readAppointment(Context ctx, Caller caller) {
        var details = AppointmentNumber.parse(ctx.pathParam("id"))
                .flatMap(number -> useCases.getAppointment().get(caller.viewer(), number))
                .orElseThrow(AppointmentReadRoutes::notFound);
        var appointment = resource(details);
        ctx.header("ETag", FhirResponses.etag(FhirResources.versionOf(details.appointment())));
        responses.write(ctx, 200, appointment);
    }

    /** A page of what {@code ListAppointments} lets the caller see, narrowed by {@code patient} and {@code actor}. */
    void searchAppointments(Context ctx, Caller caller) {
        var errors = new FieldErrors();
        var patient = FhirParameters.referenceId(ctx.queryParam("patient"), "Patient", "patient", errors);
        String actorParam = ctx.queryParam("actor") != null ? ctx.queryParam("actor") : ctx.queryParam("practitioner");
        var practitioner = FhirParameters.referenceId(actorParam, "Practitioner", "practitioner", errors);
        AppointmentStatus status = null;
        if (ctx.queryParam("status") != null) {
            status = FhirResources.statusOf(ctx.queryParam("status")).orElse(null);
            if (status == null) {
                errors.add(
                        "status", FieldCode.INVALID_FORMAT, "must be pending, booked, cancelled, fulfilled or noshow");
            }
        }
        int count = FhirSearch.count(ctx.queryParam("_count"), ListAppointments.DEFAULT_PAGE_SIZE, errors);
        errors.throwIfAny();
        var dates = ctx.queryParams("date");
        Instant from = null;
        Instant to = null;
        if (!dates.isEmpty()) {
            var range = Range.bounds(dates, "date", ZoneOffset.UTC);
            from = range.from();
            to = range.to();
        }
        var page = useCases.listAppointments()
                .list(new ListAppointments.Query(caller.viewer(), status, from, to, count, null));
        var doctors = new HashMap<DoctorId, Doctor>();
        var patients = new HashMap<UUID, Patient>();
        var found = new ArrayList<ObjectNode>();
        for (Appointment a : page.items()) {
            if ((patient != null && !a.patientId().value().equals(patient))
                    || (practitioner != null && !a.doctorId().value().equals(practitioner))) {
                continue;
            }
            var doctor = doctors.computeIfAbsent(
                    a.doctorId(), id -> ports.doctors().byId(id).orElseThrow());
            var who = patients.computeIfAbsent(
                    a.patientId().value(),
                    id -> ports.patients().byId(a.patientId()).orElse(new Patient(a.patientId(), null, null)));
            found.add(resource(new AppointmentDetails(a, doctor, who)));
        }
        responses.write(ctx, 200, resources.searchset(FhirResponses.base(ctx), found));
    }

    /** The Appointment, with its cancel reason from the history when cancelled. */
    ObjectNode resource(AppointmentDetails details) {
        String reason = null;
        if (details.appointment().status() == AppointmentStatus.CANCELLED) {
            reason = ports.appointments().history(details.appointment().number()).stream()
                    .filter(e -> e.action() == Change.Action.CANCELLED)
                    .map(AuditEntry::reason)
                    .reduce((first, second) -> second)
                    .orElse(null);
        }
        return resources.appointment(details, reason);
    }
}
