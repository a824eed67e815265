package com.cureka.appointments.adapters.http.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** One access line per request, every line of a request with its id, and never a token or a patient's notes. */
class AccessLogTest {
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger ours = (Logger) LoggerFactory.getLogger("com.cureka");
    private Level oursBefore;
    private OperationsServer server;

    @BeforeEach
    void capture() {
        events.start();
        root.addAppender(events);
        oursBefore = ours.getLevel();
        ours.setLevel(Level.TRACE); // even debug lines must not leak anything
    }

    @AfterEach
    void release() {
        server.close();
        root.detachAppender(events);
        ours.setLevel(oursBefore);
    }

    @Test
    void each_request_ends_with_an_access_line_carrying_id_route_status_and_duration() {
        server = OperationsServer.open();

        server.send(
                "/api/v1/doctors/" + OperationsServer.PRIYA,
                b -> b.header("Authorization", "Bearer " + OperationsServer.patientToken(UUID.randomUUID()))
                        .header("X-Request-Id", "ops-log-1")
                        .GET());

        var line = await(e -> e.getLoggerName().equals(AccessLog.class.getName())
                && "ops-log-1".equals(e.getMDCPropertyMap().get("request_id")));
        assertThat(line.getLevel()).isEqualTo(Level.INFO);
        assertThat(line.getMDCPropertyMap())
                .containsEntry("route", "/api/v1/doctors/{doctor_id}")
                .containsEntry("status", "200")
                .containsEntry("method", "GET")
                .containsKey("duration_ms");
        assertThat(line.getFormattedMessage())
                .startsWith("GET /api/v1/doctors/" + OperationsServer.PRIYA + " -> 200 in ");
    }

    @Test
    void a_line_logged_while_handling_a_request_carries_its_request_id() {
        server = OperationsServer.open(new HealthChecks(Map.of("database", () -> false), Map.of()));

        server.send("/health/ready", b -> b.header("X-Request-Id", "ops-log-2").GET());

        var warning = await(e -> e.getLoggerName().equals(Readiness.class.getName()));
        assertThat(warning.getLevel()).isEqualTo(Level.WARN);
        assertThat(warning.getMDCPropertyMap()).containsEntry("request_id", "ops-log-2");
    }

    @Test
    void tokens_and_notes_are_never_logged() {
        server = OperationsServer.open();
        String token = OperationsServer.patientToken(UUID.randomUUID());
        String notes = "Patient-private note 4711: chest pain at night";
        String forged = token.substring(0, token.length() - 4) + "AAAA";

        server.book(token, "2025-09-23T14:30:00+05:30", ", \"notes\": \"" + notes + "\"");
        server.book(token, "2025-09-20T14:30:00+05:30", ", \"notes\": \"" + notes + "\"");
        server.get("/api/v1/doctors", forged);
        server.get("/api/v1/doctors", "not-a-jwt");
        await(e -> "/api/v1/doctors".equals(e.getMDCPropertyMap().get("route"))
                && "401".equals(e.getMDCPropertyMap().get("status"))
                && e.getFormattedMessage().contains("GET")
                && countAccessLines() >= 4);

        assertThat(snapshot()).isNotEmpty().allSatisfy(event -> {
            String everything = event.getFormattedMessage() + " " + event.getMDCPropertyMap()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(everything).doesNotContain(token, forged, token.split("\\.")[2], "4711", "Bearer");
        });
    }

    private long countAccessLines() {
        return snapshot().stream()
                .filter(e -> e.getLoggerName().equals(AccessLog.class.getName()))
                .count();
    }

    private List<ILoggingEvent> snapshot() {
        synchronized (events.list) {
            return List.copyOf(events.list);
        }
    }

    /** Access lines are written just after the response is sent, so wait for them a little. */
    private ILoggingEvent await(Predicate<ILoggingEvent> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            var found = snapshot().stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no such log line in "
                + snapshot().stream().map(ILoggingEvent::getFormattedMessage).toList());
    }
}
