package com.cureka.appointments.bootstrap;

import com.cureka.appointments.adapters.fhir.FhirApi;
import com.cureka.appointments.adapters.http.HttpApi;
import com.cureka.appointments.adapters.http.Ports;
import com.cureka.appointments.adapters.http.UseCases;
import com.cureka.appointments.adapters.http.auth.JwtSettings;
import com.cureka.appointments.adapters.http.ops.HealthChecks;
import com.cureka.appointments.adapters.http.ops.Metrics;
import com.cureka.appointments.adapters.http.ops.Operations;
import com.cureka.appointments.adapters.postgres.DatabaseOutage;
import com.cureka.appointments.adapters.postgres.PostgresDatabase;
import com.cureka.appointments.adapters.postgres.jobs.ClusterJobs;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.calendar.CalendarWebhookReader;
import com.cureka.appointments.application.port.webhook.AppointmentEventSink;
import com.cureka.appointments.domain.booking.BookingPolicy;
import com.cureka.appointments.domain.booking.BookingRules;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * The composition root: builds every adapter and use case by hand from the settings, in one readable place,
 * and closes them in reverse order. No container, no reflection.
 */
public final class Application {
    private static final Logger log = LoggerFactory.getLogger(Application.class);
    private static final Duration DEV_TOKEN_LIFETIME = Duration.ofHours(12);

    private final Deque<AutoCloseable> resources;
    private final int port;
    private final String devSecret;
    private final PostgresDatabase database;
    private final AppointmentEventSink webhookEvents;
    private boolean stopped;

    private Application(
            Deque<AutoCloseable> resources,
            int port,
            String devSecret,
            PostgresDatabase database,
            AppointmentEventSink webhookEvents) {
        this.resources = resources;
        this.port = port;
        this.devSecret = devSecret;
        this.database = database;
        this.webhookEvents = webhookEvents;
    }

    public static Application start(Settings settings, Clock clock) {
        var resources = new ArrayDeque<AutoCloseable>();
        try {
            return wire(settings, clock, resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /**
     * The steps in order; each names what it builds and pushes what must be closed. A new calendar adapter adds one
     * branch to {@link CalendarWiring}; a new storage or shared-state adapter, one to {@link Storage} or {@link SharedState}.
     */
    private static Application wire(Settings settings, Clock clock, Deque<AutoCloseable> resources) {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        resources.push(Metrics.bindJvm(registry)::close);
        var storage = Storage.open(settings, registry, resources);
        var shared = SharedState.choose(settings, clock, registry, resources);
        var calendar = CalendarWiring.choose(
                settings.calCom(), settings.calendarTimeout(), settings.videoRoomBaseUrl(), clock);
        calendar.registerWebhookInBackground();
        var useCases = useCases(settings, clock, storage, shared, calendar.gateway());
        if (settings.demoData()) {
            DemoData.seed(useCases.registerDoctor());
        }
        var jobs = Jobs.of(settings, clock, storage, shared, calendar.gateway());
        jobs.start();
        resources.push(jobs::stop);
        var webhooks = OutboundWebhooks.start(settings, clock, storage, registry, resources);
        var http = http(settings, clock, storage, shared, calendar.webhooks(), useCases, jobs, webhooks, registry);
        var server = http.start(settings.port());
        resources.push(http::stop);
        Notifications.start(settings, clock, storage, server.port(), webhooks, registry, resources);
        return new Application(resources, server.port(), storage.devSecret(), storage.database(), webhooks.sink());
    }

    private static BookingPolicy policy(Settings.Booking booking) {
        return new BookingPolicy(new BookingRules(
                Duration.ofHours(booking.minAdvanceBookingHours()),
                Duration.ofDays(booking.maxFutureBookingDays()),
                booking.maxAppointmentsPerPatient(),
                Duration.ofMinutes(booking.defaultAppointmentMinutes())));
    }

    /** Wiring step "use cases", the use cases over the ports of the steps before. */
    private static UseCases useCases(
            Settings settings, Clock clock, Storage storage, SharedState shared, CalendarGateway calendar) {
        return UseCases.over(new UseCases.Parts(
                storage.doctors(),
                storage.appointments(),
                storage.patients(),
                storage.numbers(),
                calendar,
                shared.cache(),
                shared.limiter(),
                policy(settings.booking()),
                settings.appointmentNumberZone(),
                storage.calendarEventLog(),
                clock));
    }

    /** Wiring step "HTTP", the HTTP API with its operations routes; started last, when everything it calls is ready. */
    private static HttpApi http(
            Settings settings,
            Clock clock,
            Storage storage,
            SharedState shared,
            CalendarWebhookReader webhooks,
            UseCases useCases,
            ClusterJobs jobs,
            OutboundWebhooks outbound,
            PrometheusMeterRegistry registry) {
        var health =
                new HealthChecks(Map.of("database", storage.database()::isReachable), shared.informationalChecks());
        var ports = new Ports(
                storage.doctors(), storage.patients(), storage.appointments(), storage.idempotency(), webhooks, jobs);
        var jwt = new JwtSettings(
                storage.jwtSecret(), settings.jwt().issuer(), settings.jwt().audience());
        var api = new HttpApi(useCases, ports, jwt, clock)
                .withOperations(new Operations(registry, health))
                .withUnavailability(DatabaseOutage::isUnavailability)
                .withWebhooks(outbound.manage(), outbound.inspect())
                // Verifying a link needs only the key; the base URL is the notifier's concern (Notifications).
                .withManageLinks(Notifications.manageLinks(settings, storage.jwtSecret(), settings.port()))
                .withNotifications(storage.outbox())
                // The FHIR R4 facade (adapters-fhir): the same server, tokens, use cases and rules.
                .withRoutes(new FhirApi(
                        useCases, ports, jwt, policy(settings.booking()).rules(), clock));
        if (storage.devSecret() != null) { // embedded dev mode only: the pages' "Continue as the demo patient"
            api.withDevTokens(new DevTokens(settings.jwt(), storage.devSecret(), clock).demoUsers(DEV_TOKEN_LIFETIME));
        }
        return api;
    }

    public int port() {
        return port;
    }

    /** The made-up JWT secret of embedded dev mode, or null when JWT_SECRET was set. */
    public String devSecret() {
        return devSecret;
    }

    PostgresDatabase database() {
        return database;
    }

    /** The outbound webhooks' consumer of appointment events: the seam the outbox dispatcher calls. */
    AppointmentEventSink webhookEvents() {
        return webhookEvents;
    }

    /** Stops taking requests, lets those in flight finish, then closes the pool and the embedded database. */
    public synchronized void stop() {
        if (!stopped) {
            stopped = true;
            closeAll(resources);
        }
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                log.warn("error while shutting down", e);
            }
        }
    }
}
