package com.cureka.appointments.adapters.fhir;

import ca.uhn.fhir.parser.StrictErrorHandler;
import com.cureka.appointments.adapters.http.error.ApiError;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.adapters.http.json.Json;
import com.cureka.appointments.application.port.appointment.AppointmentDetails;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.booking.BookingRules;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import com.cureka.appointments.domain.schedule.Schedule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.UrlType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static com.cureka.appointments.adapters.fhir.FhirClinic.FHIR;
import static com.cureka.appointments.adapters.fhir.FhirClinic.KOLKATA;
import static com.cureka.appointments.adapters.fhir.FhirClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

/** The mapping, field by field, checked by HAPI FHIR's validator and read back by its strict R4 parser. */
class FhirResourcesTest {
    private static final Instant CREATED = Instant.parse("2025-09-21T04:30:00Z");
    private static final Instant START = Instant.parse("2025-09-23T09:00:00Z");
    private static final Doctor DOCTOR =
            new Doctor(PRIYA, "Dr. Priya Patel", "Cardiology", null, Schedule.standard(KOLKATA), null, true);
    private static final Patient PATIENT = new Patient(new PatientId(UUID.randomUUID()), "Rajesh Kumar", null);

    private final FhirResources resources = new FhirResources(Json.newMapper(), BookingRules.STANDARD);

    /** Validated, then read back strictly: the mapping must be valid FHIR R4 as well as parse. */
    private static <T extends IBaseResource> T parse(Class<T> type, ObjectNode json) {
        FhirValidation.assertValid(json.toString());
        return FHIR.newJsonParser()
                .setParserErrorHandler(new StrictErrorHandler())
                .parseResource(type, json.toString());
    }

    private static Appointment appointment(AppointmentStatus status) {
        return new Appointment(
                new AppointmentNumber("AID", LocalDate.of(2025, 9, 21), 7),
                PRIYA,
                PATIENT.id(),
                AppointmentType.FOLLOWUP,
                TimeSlot.of(START, Duration.ofMinutes(20)),
                status,
                "Bring the ECG",
                "cal-1",
                new MeetingLinks("https://meet.example.test/room", "https://cal.example.test/event"),
                CREATED,
                CREATED.plusSeconds(90));
    }

    @Test
    void an_appointment_maps_field_by_field() {
        var json = resources.appointment(
                new AppointmentDetails(appointment(AppointmentStatus.SCHEDULED), DOCTOR, PATIENT), null);
        var a = parse(org.hl7.fhir.r4.model.Appointment.class, json);

        assertThat(a.getIdElement().getIdPart()).isEqualTo("AID-20250921-0007");
        assertThat(a.getMeta().getVersionId())
                .isEqualTo(Long.toString(CREATED.plusSeconds(90).toEpochMilli()));
        assertThat(a.getMeta().getLastUpdated().toInstant()).isEqualTo(CREATED.plusSeconds(90));
        assertThat(a.getIdentifierFirstRep().getSystem()).isEqualTo(FhirResources.APPOINTMENT_NUMBER_SYSTEM);
        assertThat(a.getIdentifierFirstRep().getValue()).isEqualTo("AID-20250921-0007");
        assertThat(a.getStatus()).isEqualTo(org.hl7.fhir.r4.model.Appointment.AppointmentStatus.BOOKED);
        assertThat(a.hasCancelationReason()).isFalse();
        assertThat(a.getAppointmentType().getCoding())
                .extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactly(
                        FhirResources.APPOINTMENT_TYPE_SYSTEM + "|followup", FhirResources.V2_0276 + "|FOLLOWUP");
        assertThat(a.getServiceTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("followup");
        assertThat(json.get("start").asText()).isEqualTo("2025-09-23T09:00:00Z");
        assertThat(json.get("end").asText()).isEqualTo("2025-09-23T09:20:00Z");
        assertThat(a.getMinutesDuration()).isEqualTo(20);
        assertThat(a.getCreated().toInstant()).isEqualTo(CREATED);
        assertThat(a.getComment()).isEqualTo("Bring the ECG");
        assertThat(((UrlType) a.getExtensionByUrl(FhirResources.VIDEO_EXTENSION).getValue()).getValue())
                .isEqualTo("https://meet.example.test/room");
        assertThat(((UrlType) a.getExtensionByUrl(FhirResources.CALENDAR_EVENT_EXTENSION)
                                .getValue())
                        .getValue())
                .isEqualTo("https://cal.example.test/event");
        assertThat(a.getParticipant()).hasSize(2);
        var doctor = a.getParticipant().get(0);
        assertThat(doctor.getActor().getReference()).isEqualTo("Practitioner/" + PRIYA.value());
        assertThat(doctor.getActor().getDisplay()).isEqualTo("Dr. Priya Patel");
        assertThat(doctor.getStatus().toCode()).isEqualTo("accepted");
        var patient = a.getParticipant().get(1);
        assertThat(patient.getActor().getReference())
                .isEqualTo("Patient/" + PATIENT.id().value());
        assertThat(patient.getActor().getDisplay()).isEqualTo("Rajesh Kumar");
        assertThat(patient.getStatus().toCode()).isEqualTo("accepted");
    }

    @Test
    void every_status_maps_as_the_contract_says_and_a_cancelled_one_carries_its_reason() {
        assertThat(FhirResources.status(AppointmentStatus.PENDING)).isEqualTo("pending");
        assertThat(FhirResources.status(AppointmentStatus.SCHEDULED)).isEqualTo("booked");
        assertThat(FhirResources.status(AppointmentStatus.CANCELLED)).isEqualTo("cancelled");
        assertThat(FhirResources.status(AppointmentStatus.COMPLETED)).isEqualTo("fulfilled");
        assertThat(FhirResources.status(AppointmentStatus.NO_SHOW)).isEqualTo("noshow");
        for (var status : AppointmentStatus.values()) {
            assertThat(FhirResources.statusOf(FhirResources.status(status))).contains(status);
            var a = parse(
                    org.hl7.fhir.r4.model.Appointment.class,
                    resources.appointment(new AppointmentDetails(appointment(status), DOCTOR, PATIENT), "Moved away"));
            assertThat(a.getStatus().toCode()).isEqualTo(FhirResources.status(status));
            assertThat(a.hasCancelationReason()).isEqualTo(status == AppointmentStatus.CANCELLED);
        }
        var pending = parse(
                org.hl7.fhir.r4.model.Appointment.class,
                resources.appointment(
                        new AppointmentDetails(appointment(AppointmentStatus.PENDING), DOCTOR, PATIENT), null));
        assertThat(pending.getParticipantFirstRep().getStatus().toCode()).isEqualTo("tentative");
    }

    @Test
    void a_practitioner_and_a_slot_map_field_by_field() {
        var p = parse(Practitioner.class, resources.practitioner(DOCTOR));
        assertThat(p.getIdElement().getIdPart()).isEqualTo(PRIYA.value().toString());
        assertThat(p.getActive()).isTrue();
        assertThat(p.getNameFirstRep().getText()).isEqualTo("Dr. Priya Patel");
        assertThat(p.getQualificationFirstRep().getCode().getText()).isEqualTo("Cardiology");

        var s = parse(
                Slot.class,
                resources.slot(DOCTOR, TimeSlot.of(START, Duration.ofMinutes(45)), AppointmentType.SURGERY));
        assertThat(s.getIdElement().getIdPart()).isEqualTo(PRIYA.value() + "-" + START.getEpochSecond() + "-surgery");
        assertThat(s.getStatus()).isEqualTo(Slot.SlotStatus.FREE);
        assertThat(s.getSchedule().getReference()).isEqualTo("Schedule/" + PRIYA.value());
        assertThat(s.getStart().toInstant()).isEqualTo(START);
        assertThat(s.getEnd().toInstant()).isEqualTo(START.plusSeconds(45 * 60));
        // surgery has no v2-0276 code: only ours.
        assertThat(s.getAppointmentType().getCoding()).hasSize(1);
        assertThat(s.getAppointmentType().getCodingFirstRep().getCode()).isEqualTo("surgery");
    }

    @Test
    void a_refusal_keeps_its_status_and_code_in_the_outcome() {
        var error =
                ApiError.of(ErrorCode.RATE_LIMITED, "Too many booking attempts").retryAfter(Duration.ofSeconds(30));
        var o = parse(OperationOutcome.class, FhirOutcomes.of(Json.newMapper(), error));
        assertThat(o.getIssueFirstRep().getCode().toCode()).isEqualTo("throttled");
        assertThat(o.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                .isEqualTo("RATE_LIMITED");
        assertThat(o.getIssueFirstRep().getDetails().getText()).isEqualTo("Too many booking attempts");
        assertThat(FhirOutcomes.issueType(400)).isEqualTo("invalid");
        assertThat(FhirOutcomes.issueType(503)).isEqualTo("transient");
        assertThat(FhirOutcomes.issueType(500)).isEqualTo("exception");
    }
}
