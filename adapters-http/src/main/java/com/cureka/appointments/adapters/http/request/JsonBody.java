package com.cureka.appointments.adapters.http.request;

import com.cureka.appointments.adapters.http.error.ApiError;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.adapters.http.error.FieldCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a JSON request body into a DTO record: media type, size limit, well-formed JSON object, a JSON type
 * per field, then the DTO's Bean Validation constraints. Field problems go into {@link FieldErrors}, so the
 * caller can add its own and answer them all at once; a body that is not a JSON object at all ends the request.
 */
public final class JsonBody {
    public static final int MAX_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(JsonBody.class);
    private static final String BODY = "body";

    private final ObjectMapper mapper;
    private final BeanValidation validation;

    public JsonBody(ObjectMapper mapper, BeanValidation validation) {
        this.mapper = mapper;
        this.validation = validation;
    }

    /**
     * A DTO and the JSON object it was read from, as sent (before binding), e.g. to hash the request for
     * {@code Idempotency-Key}. {@code value} is null only for an optional body that was left empty.
     */
    public record Parsed<T>(T value, ObjectNode tree) {}

    public <T> T read(Context ctx, Class<T> type, FieldErrors errors) {
        return readParsed(ctx, type, errors).value();
    }

    public <T> Parsed<T> readParsed(Context ctx, Class<T> type, FieldErrors errors) {
        return validated(readObject(ctx), mapper.constructType(type), errors);
    }

    /**
     * Like {@link #readParsed}, but an empty body (no bytes at all) is allowed and needs no Content-Type: the
     * value is then null and the tree an empty object, so "no body" and {@code {}} are the same request.
     */
    public <T> Parsed<T> readOptional(Context ctx, Class<T> type, FieldErrors errors) {
        byte[] bytes = readBounded(ctx);
        if (bytes.length == 0) {
            return new Parsed<>(null, mapper.createObjectNode());
        }
        requireJson(ctx);
        return validated(parseObject(bytes), mapper.constructType(type), errors);
    }

    /** The body as a JSON object: media type, size limit and well-formedness checked, nothing bound yet. */
    public ObjectNode readObject(Context ctx) {
        requireJson(ctx);
        return parseObject(readBounded(ctx));
    }

    /** Binds a JSON object read by {@link #readObject} to a type (a record, or e.g. a map), and validates it. */
    public <T> T bind(ObjectNode object, JavaType type, FieldErrors errors) {
        return this.<T>validated(object, type, errors).value();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    private <T> Parsed<T> validated(ObjectNode object, JavaType type, FieldErrors errors) {
        var sent = object.deepCopy();
        dropUnacceptableText(object, "", errors);
        T value = bindTree(object, type, errors);
        if (value != null) {
            validation.validate(value, errors);
        }
        return new Parsed<>(value, sent);
    }

    private static void requireJson(Context ctx) {
        String contentType = ctx.contentType();
        String mediaType =
                contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw ApiException.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request body must be application/json");
        }
    }

    /** At most {@link #MAX_BYTES}, whether or not the client announced a length (chunked bodies have none). */
    public static byte[] readBounded(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_BYTES) {
            throw tooLarge();
        }
        try {
            byte[] bytes = ctx.req().getInputStream().readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException clientGone) {
            // The client hung up or stalled mid-body: its doing, so neither an ERROR line nor a 500.
            LOG.info("The request body of {} {} ended early: {}", ctx.method(), ctx.path(), clientGone.toString());
            throw ApiException.of(ErrorCode.BAD_REQUEST, "The request body ended before its declared length");
        }
    }

    private static ApiException tooLarge() {
        return ApiException.of(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than 64 KiB");
    }

    private ObjectNode parseObject(byte[] bytes) {
        if (bytes.length == 0) {
            throw invalidBody(FieldCode.REQUIRED, "The request body must be a JSON object; it is empty");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(bytes);
        } catch (IOException e) {
            throw invalidBody(FieldCode.INVALID_FORMAT, "The request body is not well-formed JSON");
        }
        if (tree == null || tree.isMissingNode()) {
            throw invalidBody(FieldCode.REQUIRED, "The request body must be a JSON object; it is empty");
        }
        if (!(tree instanceof ObjectNode object)) {
            throw invalidBody(FieldCode.INVALID_TYPE, "The request body must be a JSON object");
        }
        return object;
    }

    /**
     * Jackson stops at the first value of the wrong type; this notes it, takes that value out of the tree and
     * binds again, so every mistyped field is reported. It ends: each round removes a value, and a path that
     * fails twice costs its whole top-level field.
     */
    private <T> T bindTree(ObjectNode object, JavaType type, FieldErrors errors) {
        var failed = new HashSet<String>();
        while (true) {
            try {
                return mapper.treeToValue(object, type);
            } catch (MismatchedInputException e) {
                var path = e.getPath();
                if (path.isEmpty() || path.getFirst().getFieldName() == null) {
                    throw invalidBody(FieldCode.INVALID_TYPE, "The request body must be a JSON object");
                }
                String field = pathOf(path);
                errors.add(field, FieldCode.INVALID_TYPE, "must be " + describe(e.getTargetType()));
                if (!failed.add(field) || !removeAt(object, path)) {
                    object.remove(path.getFirst().getFieldName());
                }
            } catch (JsonProcessingException e) {
                throw invalidBody(FieldCode.INVALID_FORMAT, "The request body could not be read as JSON");
            }
        }
    }

    /**
     * The one check of every text in every body (API.md: no NUL, no lone surrogate): each offending name or
     * string is reported at its path and taken out of the tree, so nothing downstream ever sees it and the
     * field is not also reported as missing.
     */
    private static void dropUnacceptableText(JsonNode node, String path, FieldErrors errors) {
        if (node instanceof ObjectNode object) {
            var names = new ArrayList<String>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String field = path.isEmpty() ? PlainText.printable(name) : path + "." + PlainText.printable(name);
                JsonNode value = object.get(name);
                if (!PlainText.isAcceptable(name)
                        || (value.isTextual() && !PlainText.isAcceptable(value.textValue()))) {
                    errors.add(field, FieldCode.INVALID_FORMAT, PlainText.MESSAGE);
                    object.remove(name);
                } else {
                    dropUnacceptableText(value, field, errors);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String field = path + "[" + i + "]";
                JsonNode value = array.get(i);
                if (value.isTextual() && !PlainText.isAcceptable(value.textValue())) {
                    errors.add(field, FieldCode.INVALID_FORMAT, PlainText.MESSAGE);
                    array.set(i, NullNode.getInstance());
                } else {
                    dropUnacceptableText(value, field, errors);
                }
            }
        }
    }

    /** Removes the value at the path (an array element becomes null, keeping its siblings' indices). */
    private static boolean removeAt(ObjectNode root, List<JsonMappingException.Reference> path) {
        JsonNode parent = root;
        for (var step : path.subList(0, path.size() - 1)) {
            parent = step.getFieldName() != null ? parent.path(step.getFieldName()) : parent.path(step.getIndex());
        }
        var last = path.getLast();
        if (parent instanceof ObjectNode o && last.getFieldName() != null && o.has(last.getFieldName())) {
            o.remove(last.getFieldName());
            return true;
        }
        if (parent instanceof ArrayNode a && last.getIndex() >= 0 && last.getIndex() < a.size()) {
            a.set(last.getIndex(), NullNode.getInstance());
            return true;
        }
        return false;
    }

    private static String pathOf(List<JsonMappingException.Reference> path) {
        var field = new StringBuilder();
        for (var step : path) {
            if (step.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                field.append('[').append(step.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another JSON type";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "of another JSON type";
    }

    private static ApiException invalidBody(FieldCode code, String message) {
        return new ApiException(ApiError.validation(BODY, code, message));
    }
}
