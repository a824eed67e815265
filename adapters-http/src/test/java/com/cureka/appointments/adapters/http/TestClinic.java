package com.cureka.appointments.adapters.http;

import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.calendar.BuiltInCalendar;
import com.cureka.appointments.application.memory.InMemoryAppointmentNumbers;
import com.cureka.appointments.application.memory.InMemoryAppointments;
import com.cureka.appointments.application.memory.InMemoryCalendarEventLog;
import com.cureka.appointments.application.memory.InMemoryDoctors;
import com.cureka.appointments.application.memory.InMemoryIdempotencyStore;
import com.cureka.appointments.application.memory.InMemoryWebhookDeliveries;
import com.cureka.appointments.application.memory.InMemoryWebhookSubscriptions;
import com.cureka.appointments.application.memory.InProcessAvailabilityCache;
import com.cureka.appointments.application.memory.InProcessBookingRateLimiter;
import com.cureka.appointments.application.port.availability.RateLimit;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.calendar.CalendarWebhookReader;
import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.application.port.jobs.JobRunner;
import com.cureka.appointments.application.port.webhook.DestinationGuard;
import com.cureka.appointments.application.webhook.InspectDeliveries;
import com.cureka.appointments.application.webhook.ManageWebhooks;
import com.cureka.appointments.domain.booking.BookingPolicy;
import com.cureka.appointments.domain.booking.BookingRules;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.schedule.Schedule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The HTTP API over the application's in-memory adapters, at a fixed "now", on a random port: Sunday
 * 21 September 2025, 10:00 in Kolkata. Two doctors work 09:00–18:00 every day.
 */
final class TestClinic implements AutoCloseable {
    static final Instant NOW = Instant.parse("2025-09-21T04:30:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    static final DoctorId PRIYA = new DoctorId(UUID.fromString("7d0f8a5e-1c2b-4d3e-8f90-a1b2c3d4e5f6"));
    static final DoctorId ARJUN = new DoctorId(UUID.fromString("0b7c6d5e-4f3a-4b2c-9d1e-0f1a2b3c4d5e"));

    private static final ObjectMapper JSON = new ObjectMapper();

    final InMemoryDoctors doctors = new InMemoryDoctors();
    final InMemoryAppointments appointments = new InMemoryAppointments();
    final InMemoryIdempotencyStore idempotencyKeys = new InMemoryIdempotencyStore();
    final InMemoryWebhookSubscriptions webhookSubscriptions = new InMemoryWebhookSubscriptions();
    final InMemoryWebhookDeliveries webhookDeliveries = new InMemoryWebhookDeliveries();
    final Tokens tokens = new Tokens(CLOCK);
    private final HttpApi api;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    /** What a test may change about the clinic before it opens. */
    record Options(
            BookingRules rules,
            CalendarGateway calendar,
            UnaryOperator<Doctors> doctorsPort,
            CalendarWebhookReader webhookReader,
            JobRunner jobs,
            Function<Role, String> devTokens,
            Predicate<Throwable> unavailable) {
        static Options standard() {
            return new Options(
                    BookingRules.STANDARD,
                    new BuiltInCalendar("https://meet.example.test/"),
                    d -> d,
                    Ports.NO_CALENDAR_WEBHOOKS,
                    NO_JOBS,
                    null,
                    failure -> false);
        }

        Options withUnavailability(Predicate<Throwable> outage) {
            return new Options(rules, calendar, doctorsPort, webhookReader, jobs, devTokens, outage);
        }

        Options withRules(BookingRules newRules) {
            return new Options(newRules, calendar, doctorsPort, webhookReader, jobs, devTokens, unavailable);
        }

        Options withCalendar(CalendarGateway newCalendar) {
            return new Options(rules, newCalendar, doctorsPort, webhookReader, jobs, devTokens, unavailable);
        }

        Options withDoctorsPort(UnaryOperator<Doctors> wrap) {
            return new Options(rules, calendar, wrap, webhookReader, jobs, devTokens, unavailable);
        }

        Options withWebhookReader(CalendarWebhookReader reader) {
            return new Options(rules, calendar, doctorsPort, reader, jobs, devTokens, unavailable);
        }

        Options withJobs(JobRunner runner) {
            return new Options(rules, calendar, doctorsPort, webhookReader, runner, devTokens, unavailable);
        }

        /** Serves {@code GET /dev/token} as embedded dev mode does. */
        Options withDevTokens(Function<Role, String> tokens) {
            return new Options(rules, calendar, doctorsPort, webhookReader, jobs, tokens, unavailable);
        }
    }

    /** A clinic that runs no background jobs. */
    static final JobRunner NO_JOBS = new JobRunner() {
        public Set<String> jobs() {
            return Set.of();
        }

        public Optional<JobReport> runNow(String job) {
            return Optional.empty();
        }
    };

    static TestClinic open() {
        return open(Options.standard());
    }

    static TestClinic open(Options options) {
        return new TestClinic(options);
    }

    private TestClinic(Options options) {
        doctors.add(new Doctor(
                PRIYA, "Dr. Priya Patel", "Cardiology", "priya@example.test", Schedule.standard(KOLKATA), null, true));
        doctors.add(new Doctor(ARJUN, "Dr. Arjun Rao", "Dermatology", null, Schedule.standard(KOLKATA), null, true));
        Doctors port = options.doctorsPort().apply(doctors);
        var policy = new BookingPolicy(options.rules());
        var cache = new InProcessAvailabilityCache(Duration.ofMinutes(5), CLOCK);
        var useCases = UseCases.over(new UseCases.Parts(
                port,
                appointments,
                appointments,
                new InMemoryAppointmentNumbers("AID"),
                options.calendar(),
                cache,
                new InProcessBookingRateLimiter(RateLimit.perMinute(5), CLOCK),
                policy,
                ZoneOffset.UTC,
                new InMemoryCalendarEventLog(),
                CLOCK));
        var ports =
                new Ports(port, appointments, appointments, idempotencyKeys, options.webhookReader(), options.jobs());
        api = new HttpApi(useCases, ports, Tokens.SETTINGS, CLOCK).withUnavailability(options.unavailable());
        webhookSubscriptions.cascadeTo(webhookDeliveries);
        // Every URL allowed, as in embedded mode: the SSRF guard has its own tests in adapters-webhooks.
        api.withWebhooks(
                new ManageWebhooks(webhookSubscriptions, DestinationGuard.ALLOW_ALL, CLOCK),
                new InspectDeliveries(webhookSubscriptions, webhookDeliveries, CLOCK));
        if (options.devTokens() != null) {
            api.withDevTokens(options.devTokens());
        }
        base = URI.create("http://localhost:" + api.start(0).port());
    }

    @Override
    public void close() {
        api.stop();
    }

    // --- requests -------------------------------------------------------------------------------------------

    Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    Response post(String path, String token, String json) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A JSON POST with an {@code Idempotency-Key}. */
    Response postWithKey(String path, String token, String key, String json) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response put(String path, String token, String json) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A patient books Dr. Priya Patel; {@code body} is the JSON after {@code doctor_id}. */
    Response book(String token, String moreFields) {
        return post("/api/v1/appointments", token, "{\"doctor_id\": \"" + PRIYA + "\", " + moreFields + "}");
    }

    Response bookAt(String token, String datetime) {
        return book(token, "\"appointment_datetime\": \"" + datetime + "\"");
    }

    HttpRequest.Builder request(String path, String token) {
        var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    Response send(HttpRequest.Builder request) {
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    /** What came back, with the body read as JSON (or {@code null} when it is not JSON at all). */
    record Response(int status, HttpHeaders headers, String text) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        JsonNode at(String pointer) {
            return json().at(pointer);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String code() {
            return at("/code").asText();
        }

        /** The {@code code} of each field error, keyed by field, as "field:CODE". */
        List<String> fieldErrors() {
            var list = new ArrayList<String>();
            at("/details/errors")
                    .forEach(e -> list.add(
                            e.get("field").asText() + ":" + e.get("code").asText()));
            return list;
        }
    }
}
