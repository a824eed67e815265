package com.cureka.appointments.adapters.fhir;

import com.cureka.appointments.adapters.http.Ports;
import com.cureka.appointments.adapters.http.UseCases;
import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.auth.JwtSettings;
import com.cureka.appointments.adapters.http.auth.TokenVerifier;
import com.cureka.appointments.adapters.http.error.ApiError;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.adapters.http.error.ErrorResponses;
import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.adapters.http.error.Rejections;
import com.cureka.appointments.adapters.http.idempotency.IdempotentRequests;
import com.cureka.appointments.adapters.http.json.Json;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.adapters.http.request.Fields;
import com.cureka.appointments.adapters.http.trace.RequestIds;
import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.appointment.BookAppointment;
import com.cureka.appointments.application.appointment.CancelAppointment;
import com.cureka.appointments.application.appointment.ListAppointments;
import com.cureka.appointments.application.availability.FindAvailableSlots;
import com.cureka.appointments.application.port.appointment.AppointmentDetails;
import com.cureka.appointments.application.port.appointment.AuditEntry;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.booking.BookingRules;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.kernel.Uuids;
import com.cureka.appointments.domain.patient.Patient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The FHIR R4 facade (API.md, "FHIR R4") over the same use cases as {@code /api/v1}: mounted on the HTTP adapter's
 * server with {@code HttpApi.withRoutes(fhir::addTo)}, the same bearer tokens and roles, and every refusal made by
 * {@link Rejections} (the same status and code) written as an {@code OperationOutcome}. No rule lives here.
 */
public final class FhirApi implements Consumer<JavalinDefaultRouting> {
    public static final String BASE = "/fhir/R4";
    public static final String CONTENT_TYPE = "application/fhir+json; charset=utf-8";
    /** At most this many days per Slot search or {@code $find}. */
    static final int MAX_DAYS = 7;

    static final int DEFAULT_FIND_COUNT = 10;
    static final int MAX_COUNT = 100;
    private static final Logger LOG = LoggerFactory.getLogger(FhirApi.class);

    private final UseCases useCases;
    private final Ports ports;
    private final TokenVerifier tokens;
    private final Clock clock;
    private final ObjectMapper mapper = Json.newMapper();
    private final FhirResources resources;
    private final FhirIdempotency idempotency;

    public FhirApi(UseCases useCases, Ports ports, JwtSettings jwt, BookingRules rules, Clock clock) {
        this.useCases = Objects.requireNonNull(useCases, "use cases");
        this.ports = Objects.requireNonNull(ports, "ports");
        this.tokens = new TokenVerifier(Objects.requireNonNull(jwt, "JWT settings"), clock);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resources = new FhirResources(mapper, Objects.requireNonNull(rules, "booking rules"));
        this.idempotency = new FhirIdempotency(ports.idempotency(), mapper, clock);
    }

    @FunctionalInterface
    private interface FhirHandler {
        void handle(Context ctx, Caller caller);
    }

    @Override
    public void accept(JavalinDefaultRouting routes) {
        routes.get(BASE + "/metadata", ctx -> run(ctx, false, (c, caller) -> write(c, 200, FhirMetadata.of(mapper))));
        routes.get(BASE + "/Practitioner", ctx -> run(ctx, true, this::searchPractitioners));
        routes.get(BASE + "/Practitioner/{id}", ctx -> run(ctx, true, this::readPractitioner));
        routes.get(BASE + "/Schedule", ctx -> run(ctx, true, this::searchSchedules));
        routes.get(BASE + "/Slot", ctx -> run(ctx, true, this::searchSlots));
        routes.get(BASE + "/Appointment", ctx -> run(ctx, true, this::searchAppointments));
        routes.get(BASE + "/Appointment/{id}", ctx -> run(ctx, true, this::readAppointment));
        routes.post(BASE + "/Appointment/$find", ctx -> run(ctx, true, this::find));
        routes.post(BASE + "/Appointment/$book", ctx -> run(ctx, true, this::book));
        routes.post(BASE + "/Appointment/{id}/$cancel", ctx -> run(ctx, true, this::cancel));
        // Anything else under the base is FHIR's 404 (or 405), not the JSON envelope of /api/v1.
        for (var method : List.of("get", "post", "put", "patch", "delete")) {
            io.javalin.http.Handler unknown = ctx -> run(ctx, false, (c, caller) -> {
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
            negotiate(ctx);
            Caller caller = authenticated ? authenticate(ctx) : null;
            handler.handle(ctx, caller);
        } catch (ApiException e) {
            fail(ctx, e.error());
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure of {} {} (request {})", ctx.method(), ctx.path(), RequestIds.of(ctx), e);
            fail(
                    ctx,
                    ApiError.of(
                            ErrorCode.INTERNAL_ERROR,
                            "Something went wrong; please quote the request id if you report it"));
        }
    }

    // --- content negotiation and authentication -------------------------------------------------------------

    /**
     * JSON only: {@code _format} (json, application/json, application/fhir+json) wins over {@code Accept}; XML or
     * anything else that cannot be JSON is {@code 406}. A body must be JSON ({@code 415} otherwise).
     */
    private static void negotiate(Context ctx) {
        String format = ctx.queryParam("_format");
        if (format != null) {
            if (!acceptsJson(format, false)) {
                throw notAcceptable();
            }
        } else {
            String accept = ctx.header("Accept");
            if (accept != null && !accept.isBlank() && !acceptsJson(accept, true)) {
                throw notAcceptable();
            }
        }
        String contentType = ctx.header("Content-Type");
        if (ctx.method().name().equals("POST")
                && contentType != null
                && !ctx.body().isEmpty()
                && !mediaType(contentType).endsWith("json")) {
            throw new ApiException(new ApiError(
                    415,
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The request body must be application/fhir+json",
                    null,
                    null));
        }
    }

    private static boolean acceptsJson(String header, boolean wildcards) {
        for (var range : header.split(",")) {
            String type = mediaType(range);
            if (type.equals("json")
                    || type.equals("application/json")
                    || type.equals("application/fhir+json")
                    || type.equals("application/json+fhir")
                    || (wildcards && (type.equals("*/*") || type.equals("application/*")))) {
                return true;
            }
        }
        return false;
    }

    private static String mediaType(String value) {
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static ApiException notAcceptable() {
        return new ApiException(
                new ApiError(406, ErrorCode.BAD_REQUEST, "This server speaks FHIR JSON only", null, null));
    }

    private Caller authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        String bearer = "bearer ";
        if (header == null
                || header.length() <= bearer.length()
                || !header.substring(0, bearer.length())
                        .toLowerCase(Locale.ROOT)
                        .equals(bearer)) {
            throw unauthorized("A bearer token is required");
        }
        return tokens.verify(header.substring(bearer.length()).strip())
                .orElseThrow(() -> unauthorized("The bearer token is invalid or expired"));
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(ApiError.of(ErrorCode.UNAUTHORIZED, message).withHeader("WWW-Authenticate", "Bearer"));
    }

    // --- Practitioner, Schedule, Slot -------------------------------------------------------------------------

    private void searchPractitioners(Context ctx, Caller caller) {
        var found = useCases.listDoctors().list(ctx.queryParam("specialty"));
        write(
                ctx,
                200,
                resources.searchset(
                        base(ctx), found.stream().map(resources::practitioner).toList()));
    }

    private void readPractitioner(Context ctx, Caller caller) {
        write(ctx, 200, resources.practitioner(doctor(ctx.pathParam("id"))));
    }

    private void searchSchedules(Context ctx, Caller caller) {
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
        write(
                ctx,
                200,
                resources.searchset(
                        base(ctx),
                        found.stream().map(d -> resources.schedule(d, now)).toList()));
    }

    /** The free slots of one schedule between the bounds, as {@code GET /api/v1/doctors/{id}/slots} lists them. */
    private void searchSlots(Context ctx, Caller caller) {
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
        write(ctx, 200, resources.searchset(base(ctx), slots));
    }

    private List<TimeSlot> freeSlots(Doctor doctor, AppointmentType type, Range range) {
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

    private Doctor doctor(String id) {
        return Uuids.parse(id)
                .flatMap(uuid -> useCases.getDoctor().get(new DoctorId(uuid)))
                .filter(Doctor::active)
                .orElseThrow(() -> ApiException.of(ErrorCode.DOCTOR_NOT_FOUND, "Practitioner not found"));
    }

    // --- Appointment read and search ------------------------------------------------------------------------

    private void readAppointment(Context ctx, Caller caller) {
        var details = AppointmentNumber.parse(ctx.pathParam("id"))
                .flatMap(number -> useCases.getAppointment().get(caller.viewer(), number))
                .orElseThrow(FhirApi::appointmentNotFound);
        var appointment = appointment(details);
        ctx.header("ETag", etag(FhirResources.versionOf(details.appointment())));
        write(ctx, 200, appointment);
    }

    /** A page of what {@code ListAppointments} lets the caller see, narrowed by {@code patient} and {@code actor}. */
    private void searchAppointments(Context ctx, Caller caller) {
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
        int count = count(ctx.queryParam("_count"), ListAppointments.DEFAULT_PAGE_SIZE, errors);
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
            found.add(appointment(new AppointmentDetails(a, doctor, who)));
        }
        write(ctx, 200, resources.searchset(base(ctx), found));
    }

    private ObjectNode appointment(AppointmentDetails details) {
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

    // --- $find, $book, $cancel ------------------------------------------------------------------------------

    /** IHE ITI Scheduling {@code $find}: free slots as {@code proposed} Appointments, in order of preference. */
    private void find(Context ctx, Caller caller) {
        var params = FhirParameters.of(FhirParameters.resource(mapper, ctx.body(), "Parameters"));
        var errors = new FieldErrors();
        var start = optionalInstant(params.dateTime("start"), "start", errors);
        var end = optionalInstant(params.dateTime("end"), "end", errors);
        String visitType = params.code("visit-type");
        var type = visitType == null
                ? AppointmentType.CONSULTATION
                : Fields.appointmentType(visitType, "visit-type", errors);
        Integer count = params.integer("_count", errors);
        if (count != null && (count < 1 || count > MAX_COUNT)) {
            errors.add("_count", FieldCode.INVALID_FORMAT, "must be between 1 and " + MAX_COUNT);
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
        var to = end != null ? end : from.plus(Duration.ofDays(MAX_DAYS));
        var range = Range.checked(from, to, "end");
        List<Doctor> doctors = practitioners.isEmpty()
                ? useCases.listDoctors().list(params.code("specialty"))
                : practitioners.stream().map(id -> doctor(id.toString())).toList();
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
            for (var slot : freeSlots(doctor, type, range)) {
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
        write(ctx, 200, resources.searchset(base(ctx), proposed));
    }

    /** {@code $book}: the Appointment becomes a {@code BookAppointment} command; the patient is the token's subject. */
    private void book(Context ctx, Caller caller) {
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
        String path = BASE + "/Appointment/$book";
        send(ctx, idempotency.answer(caller, key, path, body, () -> switch (useCases.bookAppointment()
                .book(command)) {
            case BookAppointment.Result.Booked booked -> {
                var resource = appointment(booked.details());
                String number = booked.details().appointment().number().format();
                yield new FhirIdempotency.Answer(
                        201,
                        resources.searchset(base(ctx), List.of(resource)),
                        BASE + "/Appointment/" + number,
                        etag(FhirResources.versionOf(booked.details().appointment())));
            }
            case BookAppointment.Result.AlreadyBooked same -> {
                // API.md's retry-safe rule, as in /api/v1: the retry finds the booking it made (200, replayed).
                ctx.header(IdempotentRequests.REPLAYED_HEADER, "true");
                String number = same.details().appointment().number().format();
                yield new FhirIdempotency.Answer(
                        200,
                        resources.searchset(base(ctx), List.of(appointment(same.details()))),
                        BASE + "/Appointment/" + number,
                        etag(FhirResources.versionOf(same.details().appointment())));
            }
            case BookAppointment.Result.Rejected rejected ->
                throw new ApiException(Rejections.toError(rejected.refusal()));
        }));
    }

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

    /** {@code $cancel}: the Parameters body (with an optional {@code reason}) may be left out. */
    private void cancel(Context ctx, Caller caller) {
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
        var number = AppointmentNumber.parse(ctx.pathParam("id")).orElseThrow(FhirApi::appointmentNotFound);
        var command =
                new CancelAppointment.Command(caller.viewer(), number, Fields.isAbsent(reason) ? null : reason.strip());
        String path = BASE + "/Appointment/" + number.format() + "/$cancel";
        send(ctx, idempotency.answer(caller, key, path, body, () -> switch (useCases.cancelAppointment()
                .cancel(command)) {
            case CancelAppointment.Result.Cancelled cancelled ->
                new FhirIdempotency.Answer(
                        200,
                        appointment(cancelled.details()),
                        null,
                        etag(FhirResources.versionOf(cancelled.details().appointment())));
            case CancelAppointment.Result.Rejected rejected ->
                throw new ApiException(Rejections.toError(rejected.reason()));
        }));
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    static String etag(String version) {
        return "W/\"" + version + "\"";
    }

    private static ApiException appointmentNotFound() {
        return ApiException.of(ErrorCode.APPOINTMENT_NOT_FOUND, "Appointment not found");
    }

    private static Instant optionalInstant(String text, String field, FieldErrors errors) {
        if (text == null) {
            return null;
        }
        if (text.length() == 10) {
            var day = Fields.date(text, field, errors);
            return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return Fields.offsetDateTime(text, field, errors);
    }

    private static int count(String text, int fallback, FieldErrors errors) {
        if (text == null) {
            return fallback;
        }
        try {
            int count = Integer.parseInt(text.strip());
            if (count >= 1 && count <= MAX_COUNT) {
                return count;
            }
        } catch (NumberFormatException e) {
            // noted below
        }
        errors.add("_count", FieldCode.INVALID_FORMAT, "must be between 1 and " + MAX_COUNT);
        return fallback;
    }

    private static String base(Context ctx) {
        return ctx.scheme() + "://" + ctx.host() + BASE;
    }

    private void write(Context ctx, int status, JsonNode resource) {
        try {
            ctx.status(status).contentType(CONTENT_TYPE).result(mapper.writeValueAsString(resource));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a FHIR response", e);
        }
    }

    private void send(Context ctx, FhirIdempotency.Written answer) {
        answer.headers().forEach(ctx::header);
        if (answer.location() != null) {
            ctx.header("Location", answer.location());
        }
        if (answer.etag() != null) {
            ctx.header("ETag", answer.etag());
        }
        if (answer.status() >= 400) {
            ctx.attribute(ErrorResponses.CODE_ATTRIBUTE, codeOf(answer.body()));
        }
        ctx.status(answer.status()).contentType(CONTENT_TYPE).result(answer.body());
    }

    private String codeOf(String outcome) {
        try {
            return mapper.readTree(outcome).at("/issue/0/details/coding/0/code").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    private void fail(Context ctx, ApiError error) {
        error.headers().forEach(ctx::header);
        ctx.attribute(ErrorResponses.CODE_ATTRIBUTE, error.code().name());
        write(ctx, error.status(), FhirOutcomes.of(mapper, error));
    }

    /** A half-open range of instants from FHIR search prefixes ({@code ge}, {@code gt}, {@code lt}, {@code le}). */
    record Range(Instant from, Instant to) {
        /** The bounds of a search over at most {@link #MAX_DAYS} days; from now for a day when none is given. */
        static Range of(List<String> values, String field, ZoneId zone, Instant now) {
            if (values.isEmpty()) {
                return new Range(now, now.plus(Duration.ofDays(1)));
            }
            var range = bounds(values, field, zone);
            var from = range.from() != null ? range.from() : now;
            var to = range.to() != null ? range.to() : from.plus(Duration.ofDays(1));
            return checked(from, to, field);
        }

        static Range checked(Instant from, Instant to, String field) {
            if (!to.isAfter(from)) {
                throw FhirParameters.invalid(field, FieldCode.INVALID_FORMAT, "The range ends before it starts");
            }
            if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
                throw FhirParameters.invalid(
                        field, FieldCode.INVALID_FORMAT, "A search covers at most " + MAX_DAYS + " days");
            }
            return new Range(from, to);
        }

        /** Either bound may be null; a date without a time is that day in {@code zone}. */
        static Range bounds(List<String> values, String field, ZoneId zone) {
            Instant from = null;
            Instant to = null;
            for (var value : values) {
                String prefix =
                        value.length() > 2 && Character.isLetter(value.charAt(0)) ? value.substring(0, 2) : "eq";
                String text = prefix.equals("eq") && !value.startsWith("eq") ? value : value.substring(2);
                Instant start;
                Instant next;
                try {
                    if (text.length() == 10) {
                        var day = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
                        start = day.atStartOfDay(zone).toInstant();
                        next = day.plusDays(1).atStartOfDay(zone).toInstant();
                    } else {
                        start = java.time.OffsetDateTime.parse(text).toInstant();
                        next = start;
                    }
                } catch (DateTimeParseException e) {
                    throw FhirParameters.invalid(
                            field, FieldCode.INVALID_FORMAT, "must be a date or a date-time with an offset");
                }
                switch (prefix) {
                    case "ge" -> from = start;
                    case "gt" -> from = next.equals(start) ? start.plusSeconds(1) : next;
                    case "lt" -> to = start;
                    case "le" -> to = next.equals(start) ? start.plusSeconds(1) : next;
                    case "eq" -> {
                        from = start;
                        to = next.equals(start) ? start.plusSeconds(1) : next;
                    }
                    default ->
                        throw FhirParameters.invalid(
                                field, FieldCode.INVALID_FORMAT, "prefix must be ge, gt, lt or le");
                }
            }
            return new Range(from, to);
        }
    }
}
