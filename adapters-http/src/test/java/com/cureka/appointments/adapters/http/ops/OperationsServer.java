package com.cureka.appointments.adapters.http.ops;

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
import com.cureka.appointments.application.memory.InMemoryWebhookDeliveries;
import com.cureka.appointments.application.memory.InMemoryWebhookSubscriptions;
import com.cureka.appointments.application.memory.InProcessAvailabilityCache;
import com.cureka.appointments.application.memory.InProcessBookingRateLimiter;
import com.cureka.appointments.application.port.availability.RateLimit;
import com.cureka.appointments.application.port.jobs.JobRunner;
import com.cureka.appointments.application.port.webhook.DestinationGuard;
import com.cureka.appointments.application.webhook.InspectDeliveries;
import com.cureka.appointments.application.webhook.ManageWebhooks;
import com.cureka.appointments.domain.booking.BookingPolicy;
import com.cureka.appointments.domain.booking.BookingRules;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.schedule.Schedule;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
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
import java.util.function.UnaryOperator;

/**
 * The whole HTTP API with the operations routes, over the in-memory adapters, on a random port: Sunday
 * 21 September 2025, 10:00 in Kolkata; one doctor working 09:00–18:00 every day.
 */
final class OperationsServer implements AutoCloseable {
    static final Instant NOW = Instant.parse("2025-09-21T04:30:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final DoctorId PRIYA = new DoctorId(UUID.fromString("7d0f8a5e-1c2b-4d3e-8f90-a1b2c3d4e5f6"));
    static final JwtSettings JWT_SETTINGS =
            new JwtSettings("ops-test-secret-that-is-long-enough-for-hs256", "cureka", "appointments-api");

    private static final JobRunner NO_JOBS = new JobRunner() {
        @Override
        public Set<String> jobs() {
            return Set.of();
        }

        @Override
        public Optional<JobReport> runNow(String job) {
            return Optional.empty();
        }
    };

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final Javalin server;
    private final HttpApi api;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    static OperationsServer open() {
        return new OperationsServer(HealthChecks.none());
    }

    static OperationsServer open(HealthChecks checks) {
        return new OperationsServer(checks);
    }

    private OperationsServer(HealthChecks checks) {
        var doctors = new InMemoryDoctors();
        doctors.add(new Doctor(
                PRIYA,
                "Dr. Priya Patel",
                "Cardiology",
                null,
                Schedule.standard(ZoneId.of("Asia/Kolkata")),
                null,
                true));
        var appointments = new InMemoryAppointments();
        var calendar = new BuiltInCalendar("https://meet.example.test/");
        var policy = new BookingPolicy(BookingRules.STANDARD);
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
        var subscriptions = new InMemoryWebhookSubscriptions();
        var deliveries = new InMemoryWebhookDeliveries();
        api = new HttpApi(useCases, ports, JWT_SETTINGS, CLOCK)
                .withOperations(new Operations(registry, checks))
                .withWebhooks(
                        new ManageWebhooks(subscriptions, DestinationGuard.ALLOW_ALL, CLOCK),
                        new InspectDeliveries(subscriptions, deliveries, CLOCK));
        server = api.start(0);
        base = URI.create("http://localhost:" + server.port());
    }

    @Override
    public void close() {
        api.stop();
        registry.close();
    }

    static String patientToken(UUID id) {
        return token(id, "PATIENT");
    }

    static String token(UUID subject, String role) {
        return JWT.create()
                .withIssuer(JWT_SETTINGS.issuer())
                .withAudience(JWT_SETTINGS.audience())
                .withIssuedAt(NOW)
                .withExpiresAt(NOW.plus(Duration.ofHours(1)))
                .withSubject(subject.toString())
                .withClaim("role", role)
                .withClaim("name", "Rajesh Kumar")
                .sign(Algorithm.HMAC256(JWT_SETTINGS.secret()));
    }

    HttpResponse<String> get(String path) {
        return send(path, b -> b.GET());
    }

    HttpResponse<String> get(String path, String token) {
        return send(path, b -> b.header("Authorization", "Bearer " + token).GET());
    }

    /** A patient books Dr. Priya Patel at the given time (ISO-8601 with offset), with more JSON fields if any. */
    HttpResponse<String> book(String token, String datetime, String moreFields) {
        String json =
                "{\"doctor_id\": \"%s\", \"appointment_datetime\": \"%s\"%s}".formatted(PRIYA, datetime, moreFields);
        return send(
                "/api/v1/appointments",
                b -> b.header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> send(String path, UnaryOperator<HttpRequest.Builder> request) {
        try {
            var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
            return http.send(request.apply(builder).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
