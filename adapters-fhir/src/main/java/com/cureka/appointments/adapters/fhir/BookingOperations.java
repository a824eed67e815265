package com.cureka.appointments.adapters.fhir;

import com.cureka.appointments.adapters.fhir.FhirSearch.Range;
import com.cureka.appointments.adapters.http.UseCases;
import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.adapters.http.error.Rejections;
import com.cureka.appointments.adapters.http.idempotency.IdempotentRequests;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.adapters.http.request.Fields;
import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.appointment.BookAppointment;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** The IHE ITI Scheduling operations {@code $find} and {@code $book}, over the same use cases as {@code /api/v1}. */
final class BookingOperations {
    static final int DEFAULT_FIND_COUNT = 10;

    private final UseCases useCases;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final FhirResources resources;
    private final FhirResponses responses;
    private final FhirIdempotency idempotency;
    private final DirectoryRoutes directory;
    private final AppointmentReadRoutes appointments;

    BookingOperations(
            UseCases useCases,
            Clock clock,
            ObjectMapper mapper,
            FhirResources resources,
            FhirResponses responses,
            FhirIdempotency idempotency,
            DirectoryRoutes directory,
            AppointmentReadRoutes appointments) {
        this.useCases = useCases;
        this.clock = clock;
        this.mapper = mapper;
        this.resources = resources;
        this.responses = responses;
        this.idempotency = idempotency;
        this.directory = directory;
        this.appointments = appointments;
    }

    /** IHE ITI Scheduling {@code $find}: free slots as {@code proposed} Appointments, in order of preference. */
    void find(Context ctx, Caller caller) {
        var params = FhirParameters.of(FhirParameters.resource(mapper, ctx.body(), "Parameters"));
        var errors = new FieldErrors();
        var start = FhirSearch.optionalInstant(params.dateTime("start"), "start", errors);
        var end = FhirSearch.optionalInstant(params.dateTime("end"), "end", errors);
        String visitType = params.code("visit-type");
        var type = visitType == null
                ? AppointmentType.CONSULTATION
                : Fields.appointmentType(visitType, "visit-type", errors);
        Integer count = params.integer("_count", errors);
        if (count != null && (count < 1 || count > FhirSearch.MAX_COUNT)) {
            errors.add("_count", FieldCode.INVALID_FORMAT, "must be between 1 and " + FhirSearch.MAX_COUNT);
        }
        var practitioners = new ArrayList<UUID>();
        for (var reference : params.references("practitioner")) {
            if (reference == null) {
                errors.add("practitioner", FieldCode.INVALID_FORMAT, "must be a valueReference");
            } else {
                var id = FhirParameters.referenceId(reference, "Practitioner", "practitioner", errors);
                if (id != null && !practitioners.contains(id)) {
                    practitioners.add(id);
                }
            }
        }
        errors.throwIfAny();
        var from = start != null ? start : clock.instant();
        var to = end != null ? end : from.plus(Duration.ofDays(FhirSearch.MAX_DAYS));
        var range = Range.checked(from, to, "end");
        List<Doctor> doctors = practitioners.isEmpty()
                ? useCases.listDoctors().list(params.code("specialty"))
                : practitioners.stream()
                        .map(id -> directory.doctor(id.toString()))
                        .toList();
        String specialty = params.code("specialty");
        var patient = caller.role() == Role.PATIENT ? caller.asPatient() : null;
        record Offer(int preference, Doctor doctor, TimeSlot slot) {}
        var offers = new ArrayList<Offer>();
        for (int i = 0; i < doctors.size(); i++) {
            var doctor = doctors.get(i);
            if (!practitioners.isEmpty()
                    && specialty != null
                    && (doctor.specialty() == null || !doctor.specialty().equalsIgnoreCase(specialty.strip()))) {
                continue;
            }
            for (var slot : directory.freeSlots(doctor, type, range)) {
                offers.add(new Offer(practitioners.isEmpty() ? 0 : i, doctor, slot));
            }
        }
        offers.sort(Comparator.comparingInt(Offer::preference)
                .thenComparing(o -> o.slot().start())
                .thenComparing(o -> o.doctor().name()));
        int limit = count != null ? count : DEFAULT_FIND_COUNT;
        var proposed = offers.stream()
                .limit(limit)
                .map(o -> resources.proposed(o.doctor(), patient, o.slot(), type))
                .toList();
        responses.write(ctx, 200, resources.searchset(FhirResponses.base(ctx), proposed));
    }

    /** {@code $book}: the Appointment becomes a {@code BookAppointment} command; the patient is the token's subject. */
    void book(Context ctx, Caller caller) {
        if (caller.role() != Role.PATIENT) {
            throw ApiException.of(ErrorCode.FORBIDDEN, "Your role may not use this route");
        }
        var body = FhirParameters.resource(mapper, ctx.body(), "Parameters");
        var errors = new FieldErrors();
        var key = IdempotentRequests.keyOf(ctx, errors);
        var appointment = FhirParameters.of(body)
                .first("appointment")
                .map(p -> p.path("resource"))
                .orElse(null);
        if (appointment == null
                || !"Appointment".equals(appointment.path("resourceType").asText())) {
            errors.add("appointment", FieldCode.REQUIRED, "is required: an Appointment resource");
            errors.throwIfAny();
        }
        var command = command(appointment, caller, errors);
        errors.throwIfAny();
        String path = FhirApi.BASE + "/Appointment/$book";
        responses.send(ctx, idempotency.answer(caller, key, path, body, () -> switch (useCases.bookAppointment()
                .book(command)) {
            case BookAppointment.Result.Booked booked -> {
                var resource = appointments.resource(booked.details());
                String number = booked.details().appointment().number().format();
                yield new FhirIdempotency.Answer(
                        201,
                        resources.searchset(FhirResponses.base(ctx), List.of(resource)),
                        FhirApi.BASE + "/Appointment/" + number,
                        FhirResponses.etag(
                                FhirResources.versionOf(booked.details().appointment())));
            }
            case BookAppointment.Result.AlreadyBooked same -> {
                // API.md's retry-safe rule, as in /api/v1: the retry finds the booking it made (200, replayed).
                ctx.header(IdempotentRequests.REPLAYED_HEADER, "true");
                String number = same.details().appointment().number().format();
                yield new FhirIdempotency.Answer(
                        200,
                        resources.searchset(FhirResponses.base(ctx), List.of(appointments.resource(same.details()))),
                        FhirApi.BASE + "/Appointment/" + number,
                        FhirResponses.etag(
                                FhirResources.versionOf(same.details().appointment())));
            }
            case BookAppointment.Result.Rejected rejected ->
                throw new ApiException(Rejections.toError(rejected.refusal()));
        }));
    }

    /** The Appointment of {@code $book} as a command, every problem noted in {@code errors} (then null). */
    private BookAppointment.Command command(JsonNode appointment, Caller caller, FieldErrors errors) {
        String status = appointment.path("status").asText("proposed");
        if (!List.of("proposed", "pending", "booked").contains(status)) {
            errors.add("Appointment.status", FieldCode.INVALID_FORMAT, "must be proposed (or pending, booked)");
        }
        String practitioner = FhirParameters.participant(appointment, "Practitioner");
        if (practitioner == null) {
            errors.add("Appointment.participant", FieldCode.REQUIRED, "must name the Practitioner");
        }
        var doctor = FhirParameters.referenceId(practitioner, "Practitioner", "Appointment.participant", errors);
        var patient = FhirParameters.referenceId(
                FhirParameters.participant(appointment, "Patient"), "Patient", "Appointment.participant", errors);
        if (patient != null && !patient.equals(caller.userId())) {
            errors.add(
                    "Appointment.participant", FieldCode.PATIENT_MISMATCH, "the Patient must be the signed-in patient");
        }
        Instant start = null;
        if (!appointment.path("start").isTextual()) {
            errors.add("Appointment.start", FieldCode.REQUIRED, "is required");
        } else {
            start = Fields.offsetDateTime(appointment.get("start").asText(), "Appointment.start", errors);
        }
        var type = FhirParameters.type(appointment.get("appointmentType"), "Appointment.appointmentType", errors);
        if (type == null && appointment.path("serviceType").isArray()) {
            type = FhirParameters.type(appointment.path("serviceType").path(0), "Appointment.serviceType", errors);
        }
        if (type == null && !errors.has("Appointment.appointmentType") && !errors.has("Appointment.serviceType")) {
            type = AppointmentType.CONSULTATION;
        }
        String notes = appointment.path("comment").isTextual()
                ? appointment.get("comment").asText()
                : null;
        if (notes != null && notes.length() > Appointment.MAX_NOTES_LENGTH) {
            errors.add(
                    "Appointment.comment",
                    FieldCode.TOO_LONG,
                    "must be at most " + Appointment.MAX_NOTES_LENGTH + " characters");
        }
        if (start != null && type != null && appointment.path("end").isTextual()) {
            var end = Fields.offsetDateTime(appointment.get("end").asText(), "Appointment.end", errors);
            var length = resources.length(type);
            if (end != null && !end.equals(start.plus(length))) {
                errors.add(
                        "Appointment.end",
                        FieldCode.INVALID_FORMAT,
                        "must be the start plus " + length.toMinutes() + " minutes, the length of a " + type.code());
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new BookAppointment.Command(
                caller.asPatient(), new DoctorId(doctor), start, type, Fields.isAbsent(notes) ? null : notes.strip());
    }
}
