package com.cureka.appointments.adapters.http.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;

/**
 * What identifies a request's body for {@code Idempotency-Key}: SHA-256 of its canonical JSON (object keys
 * sorted at every level, no insignificant whitespace), so that a client that re-serialises the same body
 * with other spacing or key order is recognised as sending the same request. Shared by /api/v1 and the FHIR facade.
 */
public final class RequestHash {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private RequestHash() {}

    public static String of(JsonNode body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(writeCanonical(body)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] writeCanonical(JsonNode body) {
        try {
            return PLAIN.writeValueAsBytes(canonical(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            var sorted = JsonNodeFactory.instance.objectNode();
            var names = new ArrayList<String>();
            object.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            names.forEach(name -> sorted.set(name, canonical(object.get(name))));
            return sorted;
        }
        if (node instanceof ArrayNode array) {
            var copy = JsonNodeFactory.instance.arrayNode(array.size());
            array.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        return node == null ? JsonNodeFactory.instance.objectNode() : node;
    }
}
