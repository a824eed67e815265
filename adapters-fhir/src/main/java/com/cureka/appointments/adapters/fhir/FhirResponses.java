package com.cureka.appointments.adapters.fhir;

import com.cureka.appointments.adapters.http.error.ApiError;
import com.cureka.appointments.adapters.http.error.ErrorResponses;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** How every FHIR answer is written: always {@link FhirApi#CONTENT_TYPE}, errors as an {@code OperationOutcome}. */
final class FhirResponses {
    private final ObjectMapper mapper;

    FhirResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The absolute base URL, for {@code Bundle.entry.fullUrl}. */
    static String base(Context ctx) {
        return ctx.scheme() + "://" + ctx.host() + FhirApi.BASE;
    }

    /** Weak: the version is the last change, not the bytes. */
    static String etag(String version) {
        return "W/\"" + version + "\"";
    }

    void write(Context ctx, int status, JsonNode resource) {
        try {
            ctx.status(status).contentType(FhirApi.CONTENT_TYPE).result(mapper.writeValueAsString(resource));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a FHIR response", e);
        }
    }

    /** An idempotent operation's answer, fresh or replayed. */
    void send(Context ctx, FhirIdempotency.Written answer) {
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
        ctx.status(answer.status()).contentType(FhirApi.CONTENT_TYPE).result(answer.body());
    }

    /** The error code of a replayed OperationOutcome, for the access log as {@code /api/v1} records it. */
    private String codeOf(String outcome) {
        try {
            return mapper.readTree(outcome).at("/issue/0/details/coding/0/code").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    void fail(Context ctx, ApiError error) {
        error.headers().forEach(ctx::header);
        ctx.attribute(ErrorResponses.CODE_ATTRIBUTE, error.code().name());
        write(ctx, error.status(), FhirOutcomes.of(mapper, error));
    }
}
