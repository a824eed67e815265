package com.cureka.appointments.adapters.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Mistakes of the client's at the HTTP level: an honest code, never INTERNAL_ERROR, never an ERROR line. */
class ProtocolErrorsTest {
    private final TestClinic clinic = TestClinic.open();
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void capture() {
        events.start();
        root.addAppender(events);
    }

    @AfterEach
    void close() {
        root.detachAppender(events);
        clinic.close();
    }

    /** Sends the bytes as they are, optionally hangs up without reading, and returns what came back. */
    private String raw(String request, boolean hangUp) {
        var uri = clinic.uri("/");
        try (var socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            if (hangUp) {
                return "";
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void an_unknown_http_version_is_505_http_version_not_supported_in_the_envelope() {
        var answer = raw("GET /api/v1/doctors HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\n\r\n", false);

        assertThat(answer).startsWith("HTTP/1.1 505");
        assertThat(answer).contains("\"code\":\"HTTP_VERSION_NOT_SUPPORTED\"").doesNotContain("INTERNAL_ERROR");
    }

    @Test
    void a_client_that_hangs_up_mid_body_is_logged_below_error_and_is_no_internal_error() throws Exception {
        String token = clinic.tokens.patient(UUID.randomUUID());
        raw(
                "POST /api/v1/appointments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"doctor_id\": ",
                true);

        var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (events.list.stream().noneMatch(e -> e.getFormattedMessage().contains("ended early"))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(events.list)
                .filteredOn(e -> e.getFormattedMessage().contains("ended early"))
                .singleElement()
                .extracting(ILoggingEvent::getLevel)
                .isEqualTo(Level.INFO);
        assertThat(events.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
        assertThat(events.list).noneMatch(e -> e.getFormattedMessage().contains("-> 500"));
    }
}
