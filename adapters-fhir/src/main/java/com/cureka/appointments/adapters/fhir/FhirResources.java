package com.cureka.appointments.adapters.fhir;

import com.cureka.appointments.application.port.appointment.AppointmentDetails;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.booking.BookingRules;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mapping of our values to FHIR R4 resources, written once (docs/fhir.md has the table). Resources are Jackson
 * trees in FHIR's JSON form; HAPI FHIR reads them back in the tests (docs/decisions.md: why not at run time).
 */
public final class FhirResources {
    /** The system of our appointment numbers ({@code AID-20250921-0001}) in {@code Appointment.identifier}. */
    public static final String APPOINTMENT_NUMBER_SYSTEM = "urn:cureka:appointment-number";
    /** Our appointment types: {@code consultation}, {@code followup}, {@code emergency}, {@code surgery}. */
    public static final String APPOINTMENT_TYPE_SYSTEM = "urn:cureka:appointment-type";
    /** HL7 v2 table 0276, the appointment reason codes FHIR R4 suggests for {@code Appointment.appointmentType}. */
    public static final String V2_0276 = "http://terminology.hl7.org/CodeSystem/v2-0276";
    /** The video room of an appointment, as R5's {@code virtualService.addressUrl} would carry it. */
    public static final String VIDEO_EXTENSION = "urn:cureka:fhir:extension:video-conference-url";
    /** The calendar's page of the appointment. */
    public static final String CALENDAR_EVENT_EXTENSION = "urn:cureka:fhir:extension:calendar-event-url";

    /** v2-0276 codes for the types that have one; surgery has none. */
    static final Map<AppointmentType, String> V2_CODES = Map.of(
            AppointmentType.CONSULTATION, "ROUTINE",
            AppointmentType.FOLLOWUP, "FOLLOWUP",
            AppointmentType.EMERGENCY, "EMERGENCY");

    private final ObjectMapper mapper;
    private final BookingRules rules;

    public FhirResources(ObjectMapper mapper, BookingRules rules) {
        this.mapper = mapper;
        this.rules = rules;
    }

    /** How long an appointment of this type lasts (the booking rules decide a consultation's length). */
    Duration length(AppointmentType type) {
        return rules.lengthOf(type);
    }

    /** The contract's status map; a proposed appointment (from {@code $find}) is not one of ours yet. */
    static String status(AppointmentStatus status) {
        return switch (status) {
            case PENDING -> "pending";
            case SCHEDULED -> "booked";
            case CANCELLED -> "cancelled";
            case COMPLETED -> "fulfilled";
            case NO_SHOW -> "noshow";
        };
    }

    static Optional<AppointmentStatus> statusOf(String fhirStatus) {
        for (var status : AppointmentStatus.values()) {
            if (status(status).equals(fhirStatus)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** An instant as FHIR writes it: UTC, seconds, {@code Z} (an offset, as {@code instant} requires). */
    static String instant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The version of an appointment: its last change, in milliseconds (ETag and {@code meta.versionId}). */
    static String versionOf(Appointment appointment) {
        return Long.toString(appointment.updatedAt().toEpochMilli());
    }

    public ObjectNode practitioner(Doctor doctor) {
        var node = resource("Practitioner", doctor.id().value().toString());
        node.put("active", doctor.active());
        node.putArray("name").addObject().put("text", doctor.name());
        if (doctor.specialty() != null && !doctor.specialty().isBlank()) {
            node.putArray("qualification").addObject().putObject("code").put("text", doctor.specialty());
        }
        return node;
    }

    /** One schedule per doctor; its horizon is the booking window as of now. */
    public ObjectNode schedule(Doctor doctor, Instant now) {
        var node = resource("Schedule", doctor.id().value().toString());
        node.put("active", doctor.active());
        if (doctor.specialty() != null && !doctor.specialty().isBlank()) {
            node.putArray("specialty").addObject().put("text", doctor.specialty());
        }
        node.putArray("actor").add(reference("Practitioner", doctor.id().value().toString(), doctor.name()));
        var horizon = node.putObject("planningHorizon");
        horizon.put("start", instant(now.plus(rules.minimumAdvance())));
        horizon.put("end", instant(now.plus(rules.bookingWindow())));
        node.put("comment", "Time zone " + doctor.schedule().zone().getId());
        return node;
    }

    /** A free start; its id names the doctor, the start and the type, so the same slot always has the same id. */
    public ObjectNode slot(Doctor doctor, TimeSlot slot, AppointmentType type) {
        var node = resource("Slot", slotId(doctor, slot, type));
        node.putArray("serviceType").add(typeConcept(type));
        node.set("appointmentType", typeConcept(type));
        node.set("schedule", reference("Schedule", doctor.id().value().toString(), null));
        node.put("status", "free");
        node.put("start", instant(slot.start()));
        node.put("end", instant(slot.end()));
        return node;
    }

    /** An appointment as stored; {@code cancelReason} is the reason given when it was cancelled, or null. */
    public ObjectNode appointment(AppointmentDetails details, String cancelReason) {
        var a = details.appointment();
        var node = resource("Appointment", a.number().format());
        var meta = mapper.createObjectNode();
        meta.put("versionId", versionOf(a));
        meta.put("lastUpdated", instant(a.updatedAt()));
        node.set("meta", meta);
        var links = a.links();
        if (links.videoConferenceUrl() != null || links.calendarEventUrl() != null) {
            var extensions = node.putArray("extension");
            if (links.videoConferenceUrl() != null) {
                extensions.addObject().put("url", VIDEO_EXTENSION).put("valueUrl", links.videoConferenceUrl());
            }
            if (links.calendarEventUrl() != null) {
                extensions.addObject().put("url", CALENDAR_EVENT_EXTENSION).put("valueUrl", links.calendarEventUrl());
            }
        }
        node.putArray("identifier")
                .addObject()
                .put("system", APPOINTMENT_NUMBER_SYSTEM)
                .put("value", a.number().format());
        node.put("status", status(a.status()));
        if (a.status() == AppointmentStatus.CANCELLED && cancelReason != null && !cancelReason.isBlank()) {
            node.putObject("cancelationReason").put("text", cancelReason);
        }
        node.putArray("serviceType").add(typeConcept(a.type()));
        node.set("appointmentType", typeConcept(a.type()));
        times(node, a.slot());
        node.put("created", instant(a.createdAt()));
        if (a.notes() != null && !a.notes().isBlank()) {
            node.put("comment", a.notes());
        }
        String participation = a.status() == AppointmentStatus.PENDING ? "tentative" : "accepted";
        participants(node, details.doctor(), details.patient(), participation);
        return node;
    }

    /** {@code {doctor id}-{epoch seconds}-{type}}: at most 60 characters, under FHIR's 64 for an id. */
    static String slotId(Doctor doctor, TimeSlot slot, AppointmentType type) {
        return doctor.id().value() + "-" + slot.start().getEpochSecond() + "-" + type.code();
    }

    /**
     * What {@code $find} offers, not stored; {@code $book} accepts it as it is. It has the id of the Slot it offers,
     * because a searchset's entries must have ids (and full URLs), as HAPI's validator and the IHE examples have it;
     * reading it back is 404, as it is no appointment yet.
     */
    public ObjectNode proposed(Doctor doctor, Patient patientOrNull, TimeSlot slot, AppointmentType type) {
        var node = resource("Appointment", slotId(doctor, slot, type));
        node.put("status", "proposed");
        node.putArray("serviceType").add(typeConcept(type));
        node.set("appointmentType", typeConcept(type));
        times(node, slot);
        participants(node, doctor, patientOrNull, "needs-action");
        return node;
    }

    /** Our type as a concept: our own code first, the v2-0276 code beside it when one exists. */
    ObjectNode typeConcept(AppointmentType type) {
        var concept = mapper.createObjectNode();
        var codings = concept.putArray("coding");
        codings.addObject()
                .put("system", APPOINTMENT_TYPE_SYSTEM)
                .put("code", type.code())
                .put("display", display(type));
        var v2 = V2_CODES.get(type);
        if (v2 != null) {
            codings.addObject().put("system", V2_0276).put("code", v2);
        }
        concept.put("text", type.code());
        return concept;
    }

    private static String display(AppointmentType type) {
        return switch (type) {
            case CONSULTATION -> "Consultation";
            case FOLLOWUP -> "Follow-up";
            case EMERGENCY -> "Emergency";
            case SURGERY -> "Surgery";
        };
    }

    private void times(ObjectNode node, TimeSlot slot) {
        node.put("start", instant(slot.start()));
        node.put("end", instant(slot.end()));
        node.put("minutesDuration", slot.length().toMinutes());
    }

    private void participants(ObjectNode node, Doctor doctor, Patient patient, String status) {
        ArrayNode participants = node.putArray("participant");
        var practitioner = participants.addObject();
        practitioner.set("actor", reference("Practitioner", doctor.id().value().toString(), doctor.name()));
        practitioner.put("required", "required");
        practitioner.put("status", status);
        if (patient != null) {
            var p = participants.addObject();
            p.set("actor", reference("Patient", patient.id().value().toString(), patient.name()));
            p.put("required", "required");
            p.put("status", status);
        }
    }

    ObjectNode reference(String type, String id, String display) {
        var ref = mapper.createObjectNode();
        ref.put("reference", type + "/" + id);
        if (display != null && !display.isBlank()) {
            ref.put("display", display);
        }
        return ref;
    }

    /** A {@code searchset} Bundle of these resources, each entry with its full URL when it has an id. */
    public ObjectNode searchset(String base, List<ObjectNode> resources) {
        var bundle = mapper.createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "searchset");
        bundle.put("total", resources.size());
        var entries = bundle.putArray("entry");
        for (var resource : resources) {
            var entry = entries.addObject();
            if (resource.hasNonNull("id")) {
                entry.put(
                        "fullUrl",
                        base + "/" + resource.get("resourceType").asText() + "/"
                                + resource.get("id").asText());
            }
            entry.set("resource", resource);
            entry.putObject("search").put("mode", "match");
        }
        if (resources.isEmpty()) {
            bundle.remove("entry");
        }
        return bundle;
    }

    private ObjectNode resource(String type, String id) {
        var node = mapper.createObjectNode();
        node.put("resourceType", type);
        node.put("id", id);
        return node;
    }
}
