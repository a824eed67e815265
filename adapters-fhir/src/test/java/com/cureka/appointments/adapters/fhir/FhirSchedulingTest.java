package com.cureka.appointments.adapters.fhir;

import com.cureka.appointments.application.port.appointment.AppointmentQuery;
import com.fasterxml.jackson.databind.JsonNode;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.StreamSupport;

import static com.cureka.appointments.adapters.fhir.FhirClinic.ARJUN;
import static com.cureka.appointments.adapters.fhir.FhirClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FHIR R4 facade end to end over HTTP; every answer is checked by HAPI FHIR's validator ({@link FhirClinic}) and
 * read back by its strict R4 parser.
 */
class FhirSchedulingTest {
    private final FhirClinic clinic = new FhirClinic();
    private final UUID rajesh = UUID.randomUUID();
    private final String patient = clinic.patient(rajesh);

    @AfterEach
    void close() {
        clinic.close();
    }

    private static String find(String... params) {
        return "{\"resourceType\":\"Parameters\",\"parameter\":[" + String.join(",", params) + "]}";
    }

    private static String book(JsonNode appointment) {
        return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"appointment\",\"resource\":" + appointment
                + "}]}";
    }

    private static String bookAt(UUID patient, String start, String end) {
        return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"appointment\",\"resource\":"
                + "{\"resourceType\":\"Appointment\",\"status\":\"proposed\",\"start\":\"" + start + "\",\"end\":\""
                + end + "\",\"participant\":[{\"actor\":{\"reference\":\"Practitioner/" + PRIYA.value()
                + "\"},\"status\":\"needs-action\"},{\"actor\":{\"reference\":\"Patient/" + patient
                + "\"},\"status\":\"needs-action\"}]}}]}";
    }

    private static void assertOutcome(FhirClinic.Response response, int status, String issue, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/fhir+json");
        var outcome = response.parse(OperationOutcome.class);
        assertThat(outcome.getIssue()).hasSize(1);
        var first = outcome.getIssueFirstRep();
        assertThat(first.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(first.getCode().toCode()).isEqualTo(issue);
        assertThat(first.getDetails().getCodingFirstRep().getCode()).isEqualTo(code);
    }

    @Test
    void metadata_is_a_capability_statement_of_what_is_served_and_needs_no_token() {
        var response = clinic.get("/fhir/R4/metadata", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/fhir+json; charset=utf-8");
        var cs = response.parse(CapabilityStatement.class);
        assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");
        var resources = cs.getRestFirstRep().getResource();
        assertThat(resources)
                .extracting(r -> r.getType())
                .containsExactly("Practitioner", "Schedule", "Slot", "Appointment");
        var appointment = resources.get(3);
        assertThat(appointment.getOperation()).extracting(o -> o.getName()).containsExactly("find", "book", "cancel");
        assertThat(appointment.getSearchParam()).extracting(p -> p.getName()).contains("patient", "date", "status");
    }

    @Test
    void practitioners_are_searched_by_specialty_and_read_by_id() {
        var response = clinic.get("/fhir/R4/Practitioner?specialty=Cardiology", patient);

        assertThat(response.status()).isEqualTo(200);
        var bundle = response.parse(Bundle.class);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(bundle.getEntry()).hasSize(1);
        var priya = (Practitioner) bundle.getEntryFirstRep().getResource();
        assertThat(priya.getIdElement().getIdPart()).isEqualTo(PRIYA.value().toString());
        assertThat(priya.getNameFirstRep().getText()).isEqualTo("Dr. Priya Patel");
        assertThat(priya.getQualificationFirstRep().getCode().getText()).isEqualTo("Cardiology");

        var read = clinic.get("/fhir/R4/Practitioner/" + ARJUN.value(), patient);
        assertThat(read.parse(Practitioner.class).getNameFirstRep().getText()).isEqualTo("Dr. Arjun Rao");
        assertOutcome(
                clinic.get("/fhir/R4/Practitioner/" + UUID.randomUUID(), patient),
                404,
                "not-found",
                "DOCTOR_NOT_FOUND");
    }

    @Test
    void a_doctor_has_one_schedule_whose_horizon_is_the_booking_window() {
        var response = clinic.get("/fhir/R4/Schedule?actor=Practitioner/" + PRIYA.value(), patient);

        var bundle = response.parse(Bundle.class);
        assertThat(bundle.getEntry()).hasSize(1);
        var schedule = (Schedule) bundle.getEntryFirstRep().getResource();
        assertThat(schedule.getIdElement().getIdPart()).isEqualTo(PRIYA.value().toString());
        assertThat(schedule.getActorFirstRep().getReference()).isEqualTo("Practitioner/" + PRIYA.value());
        assertThat(schedule.getPlanningHorizon().getStart().toInstant())
                .isEqualTo(Instant.parse("2025-09-21T05:30:00Z"));
        assertThat(schedule.getPlanningHorizon().getEnd().toInstant()).isEqualTo(Instant.parse("2025-11-20T04:30:00Z"));
    }

    @Test
    void the_slot_search_equals_the_api_v1_slot_listing_of_the_same_day() {
        var v1 = clinic.get(
                "/api/v1/doctors/" + PRIYA.value() + "/slots?date=2025-09-23&appointment_type=followup", patient);
        assertThat(v1.status()).isEqualTo(200);
        var expected = StreamSupport.stream(v1.at("/data/slots").spliterator(), false)
                .map(s -> OffsetDateTime.parse(s.get("start").asText()).toInstant())
                .toList();

        var fhir = clinic.get(
                "/fhir/R4/Slot?schedule=Schedule/" + PRIYA.value()
                        + "&start=ge2025-09-23&start=lt2025-09-24&status=free&service-type=followup",
                patient);

        assertThat(fhir.status()).as(fhir.text()).isEqualTo(200);
        var slots = fhir.parse(Bundle.class).getEntry().stream()
                .map(e -> (Slot) e.getResource())
                .toList();
        assertThat(expected).hasSizeGreaterThan(10);
        assertThat(slots).extracting(s -> s.getStart().toInstant()).containsExactlyElementsOf(expected);
        var first = slots.getFirst();
        assertThat(first.getStatus()).isEqualTo(Slot.SlotStatus.FREE);
        assertThat(first.getSchedule().getReference()).isEqualTo("Schedule/" + PRIYA.value());
        assertThat(first.getEnd().toInstant()).isEqualTo(expected.getFirst().plusSeconds(20 * 60));
        assertThat(first.getServiceTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("followup");
        assertThat(first.getIdElement().getIdPart())
                .isEqualTo(PRIYA.value() + "-" + expected.getFirst().getEpochSecond() + "-followup");
    }

    @Test
    void find_then_book_as_is_then_read_then_cancel() {
        var found = clinic.post(
                "/fhir/R4/Appointment/$find",
                patient,
                find(
                        "{\"name\":\"start\",\"valueDateTime\":\"2025-09-23T00:00:00+05:30\"}",
                        "{\"name\":\"end\",\"valueDateTime\":\"2025-09-24T00:00:00+05:30\"}",
                        "{\"name\":\"practitioner\",\"valueReference\":{\"reference\":\"Practitioner/" + ARJUN.value()
                                + "\"}}",
                        "{\"name\":\"practitioner\",\"valueReference\":{\"reference\":\"Practitioner/" + PRIYA.value()
                                + "\"}}",
                        "{\"name\":\"visit-type\",\"valueCoding\":{\"code\":\"consultation\"}}",
                        "{\"name\":\"_count\",\"valueInteger\":3}"));

        assertThat(found.status()).as(found.text()).isEqualTo(200);
        var proposals = found.parse(Bundle.class).getEntry().stream()
                .map(e -> (Appointment) e.getResource())
                .toList();
        assertThat(proposals).hasSize(3);
        // Arjun first: the practitioners are in order of preference; his first free start is 09:00 in Kolkata.
        var first = proposals.getFirst();
        assertThat(first.getStatus()).isEqualTo(Appointment.AppointmentStatus.PROPOSED);
        assertThat(first.getParticipantFirstRep().getActor().getReference()).isEqualTo("Practitioner/" + ARJUN.value());
        assertThat(first.getStart().toInstant()).isEqualTo(Instant.parse("2025-09-23T03:30:00Z"));
        assertThat(first.getMinutesDuration()).isEqualTo(30);
        assertThat(first.getParticipant().get(1).getActor().getReference()).isEqualTo("Patient/" + rajesh);
        // A searchset entry needs an id and a full URL: a proposal has its Slot's.
        String slotId = ARJUN.value() + "-" + first.getStart().toInstant().getEpochSecond() + "-consultation";
        assertThat(first.getIdElement().getIdPart()).isEqualTo(slotId);
        assertThat(found.at("/entry/0/fullUrl").asText()).endsWith("/fhir/R4/Appointment/" + slotId);

        var booked = clinic.post("/fhir/R4/Appointment/$book", patient, book(found.at("/entry/0/resource")));

        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
        var bundle = booked.parse(Bundle.class);
        assertThat(bundle.getEntry()).hasSize(1);
        var appointment = (Appointment) bundle.getEntryFirstRep().getResource();
        assertThat(appointment.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        String number = appointment.getIdElement().getIdPart();
        assertThat(number).matches("AID-20250921-\\d{4,}");
        assertThat(booked.header("Location")).isEqualTo("/fhir/R4/Appointment/" + number);
        assertThat(booked.header("ETag"))
                .isEqualTo("W/\"" + appointment.getMeta().getVersionId() + "\"");
        assertThat(appointment.getIdentifierFirstRep().getValue()).isEqualTo(number);
        assertThat(appointment.getStart().toInstant())
                .isEqualTo(first.getStart().toInstant());
        assertThat(appointment.getExtensionByUrl(FhirResources.VIDEO_EXTENSION)).isNotNull();

        var read = clinic.get("/fhir/R4/Appointment/" + number, patient);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.parse(Appointment.class).getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        assertThat(read.header("ETag")).isEqualTo(booked.header("ETag"));

        var search = clinic.get("/fhir/R4/Appointment?patient=Patient/" + rajesh + "&status=booked", patient);
        assertThat(search.parse(Bundle.class).getEntry()).hasSize(1);

        var cancelled = clinic.post(
                "/fhir/R4/Appointment/" + number + "/$cancel",
                patient,
                find("{\"name\":\"reason\",\"valueString\":\"Feeling better\"}"));

        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        var after = cancelled.parse(Appointment.class);
        assertThat(after.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
        assertThat(after.getCancelationReason().getText()).isEqualTo("Feeling better");
        assertOutcome(
                clinic.post("/fhir/R4/Appointment/" + number + "/$cancel", patient, ""),
                409,
                "conflict",
                "INVALID_STATE");
        assertThat(clinic.get("/fhir/R4/Appointment/" + number, patient)
                        .parse(Appointment.class)
                        .getStatus())
                .isEqualTo(Appointment.AppointmentStatus.CANCELLED);
    }

    @Test
    void booking_a_taken_slot_is_a_conflict_naming_the_alternatives() {
        var someoneElse = UUID.randomUUID();
        var first = clinic.post(
                "/fhir/R4/Appointment/$book",
                clinic.patient(someoneElse),
                bookAt(someoneElse, "2025-09-23T09:00:00Z", "2025-09-23T09:30:00Z"));
        assertThat(first.status()).as(first.text()).isEqualTo(201);

        var second = clinic.post(
                "/fhir/R4/Appointment/$book", patient, bookAt(rajesh, "2025-09-23T09:00:00Z", "2025-09-23T09:30:00Z"));

        assertOutcome(second, 409, "conflict", "SLOT_UNAVAILABLE");
        assertThat(second.parse(OperationOutcome.class).getIssueFirstRep().getDiagnostics())
                .startsWith("alternative_slots: 2025-09-23T14:")
                .contains("+05:30");
    }

    @Test
    void another_patients_appointment_is_not_found() {
        var booked = clinic.post(
                "/fhir/R4/Appointment/$book", patient, bookAt(rajesh, "2025-09-23T09:00:00Z", "2025-09-23T09:30:00Z"));
        String number = booked.at("/entry/0/resource/id").asText();

        var stranger = clinic.patient(UUID.randomUUID());

        assertOutcome(
                clinic.get("/fhir/R4/Appointment/" + number, stranger), 404, "not-found", "APPOINTMENT_NOT_FOUND");
        assertOutcome(
                clinic.post("/fhir/R4/Appointment/" + number + "/$cancel", stranger, ""),
                404,
                "not-found",
                "APPOINTMENT_NOT_FOUND");
        assertThat(clinic.get("/fhir/R4/Appointment?patient=Patient/" + rajesh, stranger)
                        .parse(Bundle.class)
                        .getEntry())
                .isEmpty();
        assertThat(clinic.get("/fhir/R4/Appointment/" + number, patient).status())
                .isEqualTo(200);
    }

    @Test
    void no_token_is_401_and_a_doctor_may_not_book() {
        assertOutcome(clinic.get("/fhir/R4/Practitioner", null), 401, "login", "UNAUTHORIZED");
        assertOutcome(clinic.get("/fhir/R4/Practitioner", "not.a.token"), 401, "login", "UNAUTHORIZED");
        assertOutcome(
                clinic.post(
                        "/fhir/R4/Appointment/$book",
                        clinic.token(PRIYA.value(), "DOCTOR"),
                        bookAt(rajesh, "2025-09-23T09:00:00Z", "2025-09-23T09:30:00Z")),
                403,
                "forbidden",
                "FORBIDDEN");
    }

    @Test
    void malformed_requests_are_400_invalid_never_500() {
        var cases = List.of(
                "{not json",
                "{\"resourceType\":\"Appointment\"}",
                "{\"resourceType\":\"Parameters\",\"parameter\":[]}",
                // no start
                bookAt(rajesh, "2025-09-23T09:00:00Z", "x").replace("\"start\":\"2025-09-23T09:00:00Z\",", ""),
                // someone else as the Patient
                bookAt(UUID.randomUUID(), "2025-09-23T09:00:00Z", "2025-09-23T09:30:00Z"),
                // an end that is not start + 30 minutes
                bookAt(rajesh, "2025-09-23T09:00:00Z", "2025-09-23T10:30:00Z"),
                // a start without an offset
                bookAt(rajesh, "2025-09-23T09:00:00", "2025-09-23T09:30:00Z"));
        for (var body : cases) {
            assertOutcome(clinic.post("/fhir/R4/Appointment/$book", patient, body), 400, "invalid", "VALIDATION_ERROR");
        }
        var mismatch = clinic.post(
                "/fhir/R4/Appointment/$book",
                patient,
                bookAt(UUID.randomUUID(), "2025-09-23T09:00:00Z", "2025-09-23T09:30:00Z"));
        assertThat(mismatch.parse(OperationOutcome.class).getIssueFirstRep().getDiagnostics())
                .contains("PATIENT_MISMATCH");
        assertThat(clinic.appointments.page(new AppointmentQuery(null, null, null, null, null, 10, null)))
                .isEmpty();
        assertOutcome(
                clinic.get(
                        "/fhir/R4/Slot?schedule=Schedule/" + PRIYA.value() + "&start=ge2025-09-23&start=lt2025-10-23",
                        patient),
                400,
                "invalid",
                "VALIDATION_ERROR");
    }

    @Test
    void a_replayed_idempotency_key_answers_the_first_booking_again() {
        String body = bookAt(rajesh, "2025-09-23T09:00:00Z", "2025-09-23T09:30:00Z");
        var first = clinic.postWithKey("/fhir/R4/Appointment/$book", patient, "key-1", body);
        var again = clinic.postWithKey("/fhir/R4/Appointment/$book", patient, "key-1", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.text()).isEqualTo(first.text());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        again.parse(Bundle.class);

        var other = clinic.postWithKey(
                "/fhir/R4/Appointment/$book",
                patient,
                "key-1",
                bookAt(rajesh, "2025-09-23T10:00:00Z", "2025-09-23T10:30:00Z"));
        assertOutcome(other, 422, "duplicate", "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void twenty_concurrent_bookings_of_one_slot_make_exactly_one_appointment() throws Exception {
        var tasks = new ArrayList<Callable<FhirClinic.Response>>();
        for (int i = 0; i < 20; i++) {
            var id = UUID.randomUUID();
            var token = clinic.patient(id);
            tasks.add(() -> clinic.post(
                    "/fhir/R4/Appointment/$book", token, bookAt(id, "2025-09-23T09:00:00Z", "2025-09-23T09:30:00Z")));
        }
        List<FhirClinic.Response> responses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(20)) {
            for (var future : pool.invokeAll(tasks)) {
                responses.add(future.get());
            }
        }

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        var refused = responses.stream().filter(r -> r.status() != 201).toList();
        assertThat(refused).hasSize(19);
        refused.forEach(r -> assertOutcome(r, 409, "conflict", "SLOT_UNAVAILABLE"));
    }

    @Test
    void json_only_by_format_and_accept() {
        assertThat(clinic.get("/fhir/R4/metadata?_format=json", null).status()).isEqualTo(200);
        assertThat(clinic.get("/fhir/R4/metadata?_format=application/fhir%2Bjson", null)
                        .status())
                .isEqualTo(200);
        assertThat(clinic.send(clinic.request("/fhir/R4/metadata", null)
                                .header("Accept", "application/json")
                                .GET())
                        .status())
                .isEqualTo(200);
        assertOutcome(clinic.get("/fhir/R4/metadata?_format=xml", null), 406, "not-supported", "BAD_REQUEST");
        assertOutcome(
                clinic.send(clinic.request("/fhir/R4/metadata", null)
                        .header("Accept", "application/fhir+xml")
                        .GET()),
                406,
                "not-supported",
                "BAD_REQUEST");
        assertOutcome(clinic.get("/fhir/R4/Patient/1", patient), 404, "not-found", "NOT_FOUND");
    }
}
