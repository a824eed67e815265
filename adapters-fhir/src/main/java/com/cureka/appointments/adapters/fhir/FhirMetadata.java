package com.cureka.appointments.adapters.fhir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /fhir/R4/metadata}: the CapabilityStatement of exactly what {@link FhirApi} serves. */
final class FhirMetadata {
    static final String IHE_FIND = "https://profiles.ihe.net/ITI/Scheduling/OperationDefinition/appointment-find";
    static final String IHE_BOOK = "https://profiles.ihe.net/ITI/Scheduling/OperationDefinition/appointment-book";
    static final String CANCEL = "urn:cureka:fhir:OperationDefinition:appointment-cancel";

    private FhirMetadata() {}

    static ObjectNode of(ObjectMapper mapper) {
        var cs = mapper.createObjectNode();
        cs.put("resourceType", "CapabilityStatement");
        cs.put("status", "active");
        cs.put("date", "2025-09-21");
        cs.put("publisher", "Cureka");
        cs.put("kind", "instance");
        cs.putObject("software").put("name", "Cureka appointments");
        cs.putObject("implementation")
                .put("description", "Doctor-appointment booking: the FHIR R4 facade over the same rules as /api/v1");
        cs.put("fhirVersion", "4.0.1");
        cs.putArray("format").add("application/fhir+json").add("json");
        var rest = cs.putArray("rest").addObject();
        rest.put("mode", "server");
        var security = rest.putObject("security");
        security.putArray("service")
                .addObject()
                .putArray("coding")
                .addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/restful-security-service")
                .put("code", "OAuth");
        security.put(
                "description",
                "Authorization: Bearer followed by a JWT (HS256): the same tokens and roles as /api/v1; metadata needs none");
        var resources = rest.putArray("resource");

        var practitioner = resource(resources, "Practitioner", true);
        search(practitioner, "specialty", "token", "The doctor's specialty (Practitioner.qualification.code.text)");

        var schedule = resource(resources, "Schedule", false);
        search(schedule, "actor", "reference", "Practitioner/{id}: the doctor's one schedule");

        var slot = resource(resources, "Slot", false);
        search(slot, "schedule", "reference", "Schedule/{id} (required)");
        search(slot, "start", "date", "ge and lt bounds, at most 7 days");
        search(slot, "status", "token", "free (the only status listed)");
        search(slot, "service-type", "token", "consultation (default), followup, emergency or surgery");

        var appointment = resource(resources, "Appointment", true);
        search(appointment, "patient", "reference", "Patient/{id}; a patient sees only their own");
        search(appointment, "actor", "reference", "Practitioner/{id}");
        search(appointment, "date", "date", "ge and lt bounds on the start");
        search(appointment, "status", "token", "pending, booked, cancelled, fulfilled or noshow");
        operation(appointment, "find", IHE_FIND);
        operation(appointment, "book", IHE_BOOK);
        operation(appointment, "cancel", CANCEL);
        return cs;
    }

    private static ObjectNode resource(ArrayNode resources, String type, boolean read) {
        var node = resources.addObject();
        node.put("type", type);
        var interactions = node.putArray("interaction");
        if (read) {
            interactions.addObject().put("code", "read");
        }
        interactions.addObject().put("code", "search-type");
        return node;
    }

    private static void search(ObjectNode resource, String name, String type, String documentation) {
        var params = resource.has("searchParam")
                ? (ArrayNode) resource.get("searchParam")
                : resource.putArray("searchParam");
        params.addObject().put("name", name).put("type", type).put("documentation", documentation);
    }

    private static void operation(ObjectNode resource, String name, String definition) {
        var ops = resource.has("operation") ? (ArrayNode) resource.get("operation") : resource.putArray("operation");
        ops.addObject().put("name", name).put("definition", definition);
    }
}
