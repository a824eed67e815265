package com.cureka.appointments.adapters.fhir;

import com.cureka.appointments.adapters.fhir.FhirSearch.Range;
import com.cureka.appointments.adapters.http.UseCases;
import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.adapters.http.error.Rejections;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.adapters.http.request.Fields;
import com.cureka.appointments.application.availability.FindAvailableSlots;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.kernel.Uuids;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Practitioner, Schedule and Slot: the directory of doctors and their free starts, read through the use cases. */
final class DirectoryRoutes {
    private final UseCases useCases;
    private final Clock clock;
    private final FhirResources resources;
    private final FhirResponses responses;

    DirectoryRoutes(UseCases useCases, Clock clock, FhirResources resources, FhirResponses responses) {
        this.useCases = useCases;
        this.clock = clock;
        this.resources = resources;
        this.responses = responses;
    }

    void searchPractitioners(Context ctx, Caller caller) {
        var found = useCases.listDoctors().list(ctx.queryParam("specialty"));
        responses.write(
                ctx,
                200,
                resources.searchset(
                        FhirResponses.base(ctx),
                        found.stream().map(resources::practitioner).toList()));
    }

    void readPractitioner(Context ctx, Caller caller) {
        responses.write(ctx, 200, resources.practitioner(doctor(ctx.pathParam("id"))));
    }

    void searchSchedules(Context ctx, Caller caller) {
        String actor = ctx.queryParam("actor");
        List<Doctor> found;
        if (actor == null) {
            found = useCases.listDoctors().list(null);
        } else {
            var errors = new FieldErrors();
            var id = FhirParameters.referenceId(actor, "Practitioner", "actor", errors);
            errors.throwIfAny();
            found = useCases.getDoctor().get(new DoctorId(id)).filter(Doctor::active).stream()
                    .toList();
        }
        var now = clock.instant();
        responses.write(
                ctx,
                200,
                resources.searchset(
                        FhirResponses.base(ctx),
                        found.stream().map(d -> resources.schedule(d, now)).toList()));
    }

    /** The free slots of one schedule between the bounds, as {@code GET /api/v1/doctors/{id}/slots} lists them. */
    void searchSlots(Context ctx, Caller caller) {
        var errors = new FieldErrors();
        String schedule = ctx.queryParam("schedule");
        if (schedule == null) {
            errors.add("schedule", FieldCode.REQUIRED, "is required: Schedule/{practitioner id}");
        }
        var id = FhirParameters.referenceId(schedule, "Schedule", "schedule", errors);
        var type = serviceType(ctx.queryParam("service-type"), errors);
        errors.throwIfAny();
        var doctor = doctor(id.toString());
        var range =
                Range.of(ctx.queryParams("start"), "start", doctor.schedule().zone(), clock.instant());
        String status = ctx.queryParam("status");
        List<ObjectNode> slots = new ArrayList<>();
        if (status == null || status.equals("free")) {
            for (var slot : freeSlots(doctor, type, range)) {
                slots.add(resources.slot(doctor, slot, type));
            }
        }
        responses.write(ctx, 200, resources.searchset(FhirResponses.base(ctx), slots));
    }

    /** Day by day in the doctor's zone, as {@code FindAvailableSlots} answers, cut to the range. */
    List<TimeSlot> freeSlots(Doctor doctor, AppointmentType type, Range range) {
        var zone = doctor.schedule().zone();
        var free = new ArrayList<TimeSlot>();
        for (var day = LocalDate.ofInstant(range.from(), zone);
                day.atStartOfDay(zone).toInstant().isBefore(range.to());
                day = day.plusDays(1)) {
            switch (useCases.findAvailableSlots().find(new FindAvailableSlots.Query(doctor.id(), day, type))) {
                case FindAvailableSlots.Result.Found found ->
                    found.slots().stream()
                            .filter(s -> !s.start().isBefore(range.from())
                                    && s.start().isBefore(range.to()))
                            .forEach(free::add);
                case FindAvailableSlots.Result.Rejected rejected ->
                    throw new ApiException(Rejections.toError(rejected.reason()));
            }
        }
        return free;
    }

    private static AppointmentType serviceType(String param, FieldErrors errors) {
        if (param == null) {
            return AppointmentType.CONSULTATION;
        }
        String code = param.contains("|") ? param.substring(param.indexOf('|') + 1) : param;
        return Fields.appointmentType(code, "service-type", errors);
    }

    /** An active doctor, else {@code 404 DOCTOR_NOT_FOUND}. */
    Doctor doctor(String id) {
        return Uuids.parse(id)
                .flatMap(uuid -> useCases.getDoctor().get(new DoctorId(uuid)))
                .filter(Doctor::active)
                .orElseThrow(() -> ApiException.of(ErrorCode.DOCTOR_NOT_FOUND, "Practitioner not found"));
    }
}
