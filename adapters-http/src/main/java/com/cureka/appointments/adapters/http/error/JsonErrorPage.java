package com.cureka.appointments.adapters.http.error;

import com.cureka.appointments.adapters.http.json.Envelope;
import com.cureka.appointments.adapters.http.trace.RequestIds;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Jetty answers some requests before Javalin sees them (an over-long URI or header, a malformed or ambiguous
 * path); this makes those answers the same JSON envelope instead of Jetty's HTML page.
 */
public final class JsonErrorPage extends ErrorHandler {
    private final ObjectMapper mapper;

    public JsonErrorPage(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateAcceptableResponse(
            Request baseRequest, HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        baseRequest.setHandled(true);
        response.setHeader(RequestIds.HEADER, RequestIds.accept(request.getHeader(RequestIds.HEADER)));
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(body(status));
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        // The request could not even be parsed, so its own id cannot be trusted or read: give it a new one.
        fields.put(RequestIds.HEADER, RequestIds.accept(null));
        return ByteBuffer.wrap(body(status));
    }

    private byte[] body(int status) {
        var code = ErrorCode.forStatus(status);
        try {
            return mapper.writeValueAsBytes(Envelope.failure(code.name(), ErrorResponses.messageFor(code), Map.of()));
        } catch (JsonProcessingException e) {
            return ("{\"success\":false,\"code\":\"" + code.name() + "\",\"message\":\"\",\"details\":{}}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
