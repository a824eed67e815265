package com.cureka.appointments.adapters.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.cureka.appointments.adapters.http.HttpApi;
import com.cureka.appointments.adapters.http.Ports;
import com.cureka.appointments.adapters.http.UseCases;
import com.cureka.appointments.adapters.http.auth.JwtSettings;
import com.cureka.appointments.application.calendar.BuiltInCalendar;
import com.cureka.appointments.application.memory.InMemoryAppointmentNumbers;
import com.cureka.appointments.application.memory.InMemoryAppointments;
import com.cureka.appointments.application.memory.InMemoryCalendarEventLog;
import com.cureka.appointments.application.memory.InMemoryDoctors;
import com.cureka.appointments.application.memory.InMemoryIdempotencyStore;
import com.cureka.appointments.application.memory.InProcessAvailabilityCache;
import com.cureka.appointments.application.memory.InProcessBookingRateLimiter;
import com.cureka.appointments.application.port.availability.RateLimit;
import com.cureka.appointments.application.port.jobs.JobRunner;
import com.cureka.appointments.domain.booking.BookingPolicy;
import com.cureka.appointments.domain.booking.BookingRules;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.schedule.Schedule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.instance.model.api.IBaseResource;

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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The HTTP API with the FHIR facade mounted, over the in-memory adapters, at a fixed "now" on a random port:
 * Sunday 21 September 2025, 10:00 in Kolkata. Two doctors work 09:00–18:00 every day. Every FHIR answer is read back
 * by HAPI FHIR's validator ({@link FhirValidation}) and can be read with its R4 parser ({@link Response#parse}).
 */
final class FhirClinic implements AutoCloseable {
    static final Instant NOW = Instant.parse("2025-09-21T04:30:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    static final DoctorId PRIYA = new DoctorId(UUID.fromString("7d0f8a5e-1c2b-4d3e-8f90-a1b2c3d4e5f6"));
    static final DoctorId ARJUN = new DoctorId(UUID.fromString("0b7c6d5e-4f3a-4b2c-9d1e-0f1a2b3c4d5e"));
    static final JwtSettings JWT_SETTINGS =
            new JwtSettings("test-secret-that-is-long-enough-for-hs256!", "cureka", "appointments-api");
    /** HAPI's R4 context: slow to build, so one for all tests. */
    static final FhirContext FHIR = FhirContext.forR4();

    private static final ObjectMapper JSON = new ObjectMapper();

    final InMemoryDoctors doctors = new InMemoryDoctors();
    final InMemoryAppointments appointments = new InMemoryAppointments();
    private final HttpApi api;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    static final JobRunner NO_JOBS = new JobRunner() {
        public Set<String> jobs() {
            return Set.of();
        }

        public Optional<JobReport> runNow(String job) {
            return Optional.empty();
        }
    };

    FhirClinic() {
        doctors.add(new Doctor(
                PRIYA, "Dr. Priya Patel", "Cardiology", "priya@example.test", Schedule.standard(KOLKATA), null, true));
        doctors.add(new Doctor(ARJUN, "Dr. Arjun Rao", "Dermatology", null, Schedule.standard(KOLKATA), null, true));
        var rules = BookingRules.STANDARD;
        var policy = new BookingPolicy(rules);
        var calendar = new BuiltInCalendar("https://meet.example.test/");
        var cache = new InProcessAvailabilityCache(Duration.ofMinutes(5), CLOCK);
        var useCases = UseCases.over(new UseCases.Parts(
                doctors,
                appointments,
                appointments,
                new InMemoryAppointmentNumbers("AID"),
                calendar,
                cache,
                new InProcessBookingRateLimiter(RateLimit.perMinute(5), CLOCK),
                policy,
                ZoneOffset.UTC,
                new InMemoryCalendarEventLog(),
                CLOCK));
        var ports = new Ports(
                doctors,
                appointments,
                appointments,
                new InMemoryIdempotencyStore(),
                Ports.NO_CALENDAR_WEBHOOKS,
                NO_JOBS);
        api = new HttpApi(useCases, ports, JWT_SETTINGS, CLOCK)
                .withRoutes(new FhirApi(useCases, ports, JWT_SETTINGS, rules, CLOCK));
        base = URI.create("http://localhost:" + api.start(0).port());
    }

    @Override
    public void close() {
        api.stop();
    }

    // --- tokens ---------------------------------------------------------------------------------------------

    String patient(UUID id) {
        return token(id, "PATIENT");
    }

    String token(UUID subject, String role) {
        return JWT.create()
                .withIssuer(JWT_SETTINGS.issuer())
                .withAudience(JWT_SETTINGS.audience())
                .withIssuedAt(CLOCK.instant())
                .withExpiresAt(CLOCK.instant().plus(Duration.ofHours(1)))
                .withSubject(subject.toString())
                .withClaim("role", role)
                .withClaim("name", "Rajesh Kumar")
                .sign(Algorithm.HMAC256(JWT_SETTINGS.secret()));
    }

    // --- requests -------------------------------------------------------------------------------------------

    Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    Response post(String path, String token, String body) {
        return send(request(path, token)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response postWithKey(String path, String token, String key, String body) {
        return send(request(path, token)
                .header("Content-Type", "application/fhir+json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpRequest.Builder request(String path, String token) {
        var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    Response send(HttpRequest.Builder request) {
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            var answer = new Response(response.statusCode(), response.headers(), response.body());
            // Every FHIR answer, whatever the test then looks at, must be valid FHIR R4.
            if (answer.isFhir()) {
                FhirValidation.assertValid(answer.text());
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

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

        boolean isFhir() {
            var type = header("Content-Type");
            return type != null && type.startsWith("application/fhir+json");
        }

        /** The body read by HAPI FHIR's strict R4 parser as this resource type: fails on anything not valid R4 JSON. */
        <T extends IBaseResource> T parse(Class<T> type) {
            IParser parser = FHIR.newJsonParser().setParserErrorHandler(new ca.uhn.fhir.parser.StrictErrorHandler());
            return parser.parseResource(type, text);
        }
    }
}
