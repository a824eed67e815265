package com.cureka.appointments.adapters.fhir;

import com.cureka.appointments.adapters.http.error.ApiError;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.adapters.http.request.Fields;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Reads the FHIR requests: a {@code Parameters} resource, its named values, and the parts of an Appointment. */
final class FhirParameters {
    private final ObjectNode root;

    private FhirParameters(ObjectNode root) {
        this.root = root;
    }

    /** The body as a resource of this type; anything else (not JSON, another resourceType) is 400 {@code invalid}. */
    static ObjectNode resource(ObjectMapper mapper, String body, String expectedType) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("resourceType", FieldCode.INVALID_FORMAT, "The body is not a JSON resource");
        }
        if (node == null || !node.isObject()) {
            throw invalid("resourceType", FieldCode.REQUIRED, "The body must be a " + expectedType + " resource");
        }
        if (!expectedType.equals(node.path("resourceType").asText())) {
            throw invalid(
                    "resourceType",
                    FieldCode.INVALID_TYPE,
                    "The body must be a " + expectedType + " resource, not "
                            + (node.hasNonNull("resourceType")
                                    ? node.get("resourceType").asText()
                                    : "one without a resourceType"));
        }
        return (ObjectNode) node;
    }

    static FhirParameters of(ObjectNode parameters) {
        return new FhirParameters(parameters);
    }

    static ApiException invalid(String field, FieldCode code, String message) {
        return new ApiException(ApiError.validation(field, code, message));
    }

    /** Every {@code parameter} of this name, in order. */
    List<JsonNode> all(String name) {
        var found = new ArrayList<JsonNode>();
        root.path("parameter").forEach(p -> {
            if (name.equals(p.path("name").asText())) {
                found.add(p);
            }
        });
        return found;
    }

    Optional<JsonNode> first(String name) {
        var all = all(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
    }

    /** A {@code valueDateTime}, {@code valueInstant} or {@code valueDate} as text, or null. */
    String dateTime(String name) {
        return first(name)
                .map(p -> text(p, "valueDateTime", "valueInstant", "valueDate"))
                .orElse(null);
    }

    /** A code from {@code valueCoding.code}, {@code valueCode}, {@code valueString} or a concept's first code. */
    String code(String name) {
        return first(name)
                .map(p -> {
                    if (p.path("valueCoding").hasNonNull("code")) {
                        return p.path("valueCoding").path("code").asText();
                    }
                    if (p.has("valueCodeableConcept")) {
                        var concept = p.get("valueCodeableConcept");
                        var code = concept.path("coding").path(0).path("code");
                        return code.isTextual()
                                ? code.asText()
                                : concept.path("text").asText(null);
                    }
                    return text(p, "valueCode", "valueString");
                })
                .orElse(null);
    }

    Integer integer(String name, FieldErrors errors) {
        var p = first(name);
        if (p.isEmpty()) {
            return null;
        }
        var value = p.get().path("valueInteger");
        if (!value.isInt()) {
            errors.add(name, FieldCode.INVALID_FORMAT, "must be a valueInteger");
            return null;
        }
        return value.asInt();
    }

    /** The {@code valueReference.reference} of each parameter of this name. */
    List<String> references(String name) {
        return all(name).stream()
                .map(p -> p.path("valueReference").path("reference").asText(null))
                .toList();
    }

    private static String text(JsonNode p, String... fields) {
        for (var field : fields) {
            if (p.path(field).isTextual()) {
                return p.get(field).asText();
            }
        }
        return null;
    }

    /** The id in {@code Type/id} (or a bare id, or a full URL ending so) as a UUID, or null; a bad one is noted. */
    static UUID referenceId(String reference, String type, String field, FieldErrors errors) {
        if (reference == null) {
            return null;
        }
        String id = reference.strip();
        int at = id.lastIndexOf(type + "/");
        if (at >= 0) {
            id = id.substring(at + type.length() + 1);
        } else if (id.contains("/")) {
            errors.add(field, FieldCode.INVALID_FORMAT, "must reference a " + type);
            return null;
        }
        return Fields.uuid(id, field, errors);
    }

    /** The reference of the first participant whose actor is of this type, or null. */
    static String participant(JsonNode appointment, String type) {
        for (var p : appointment.path("participant")) {
            var ref = p.path("actor").path("reference").asText("");
            if (ref.startsWith(type + "/") || ref.contains("/" + type + "/")) {
                return ref;
            }
        }
        return null;
    }

    /**
     * Our type from a concept: a coding of our system, then a v2-0276 code we map, then the text; absent is null.
     * A code we do not know is noted as {@code INVALID_TYPE}.
     */
    static AppointmentType type(JsonNode concept, String field, FieldErrors errors) {
        if (concept == null || concept.isMissingNode() || concept.isNull()) {
            return null;
        }
        for (var coding : concept.path("coding")) {
            if (FhirResources.APPOINTMENT_TYPE_SYSTEM.equals(
                    coding.path("system").asText())) {
                return Fields.appointmentType(coding.path("code").asText(""), field, errors);
            }
        }
        for (var coding : concept.path("coding")) {
            String code = coding.path("code").asText("");
            for (var entry : FhirResources.V2_CODES.entrySet()) {
                if (entry.getValue().equals(code)) {
                    return entry.getKey();
                }
            }
            var ours = AppointmentType.fromCode(code.toLowerCase(Locale.ROOT));
            if (ours.isPresent()) {
                return ours.get();
            }
        }
        if (concept.path("text").isTextual()) {
            return Fields.appointmentType(concept.get("text").asText(), field, errors);
        }
        errors.add(field, FieldCode.INVALID_TYPE, "must name one of our appointment types");
        return null;
    }
}
