package com.cureka.appointments.bootstrap;

import com.cureka.appointments.adapters.fhir.FhirApi;
import com.cureka.appointments.adapters.http.HttpApi;
import com.cureka.appointments.adapters.http.Ports;
import com.cureka.appointments.adapters.http.UseCases;
import com.cureka.appointments.adapters.http.auth.JwtSettings;
import com.cureka.appointments.adapters.http.manage.SignedManageLinks;
import com.cureka.appointments.adapters.http.ops.HealthChecks;
import com.cureka.appointments.adapters.http.ops.Metrics;
import com.cureka.appointments.adapters.http.ops.Operations;
import com.cureka.appointments.adapters.mail.MailSettings;
import com.cureka.appointments.adapters.mail.Mailers;
import com.cureka.appointments.adapters.postgres.DatabaseOutage;
import com.cureka.appointments.adapters.postgres.PostgresCalendarEventLog;
import com.cureka.appointments.adapters.postgres.PostgresDatabase;
import com.cureka.appointments.adapters.postgres.jobs.ClusterJobs;
import com.cureka.appointments.application.calendar.ReconcileWithCalendar;
import com.cureka.appointments.application.notification.NotifyPatients;
import com.cureka.appointments.application.outbox.Backoff;
import com.cureka.appointments.application.outbox.CurrentAppointments;
import com.cureka.appointments.application.outbox.DispatchOutbox;
import com.cureka.appointments.application.outbox.OutboxPolling;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.calendar.CalendarWebhookReader;
import com.cureka.appointments.application.port.webhook.AppointmentEventSink;
import com.cureka.appointments.application.reminder.SendReminders;
import com.cureka.appointments.application.webhook.HandOutboxEventsToWebhooks;
import com.cureka.appointments.domain.booking.BookingPolicy;
import com.cureka.appointments.domain.booking.BookingRules;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The composition root: builds every adapter and use case by hand from the settings, in one readable place,
 * and closes them in reverse order. No container, no reflection.
 */
public final class Application {
    private static final Logger log = LoggerFactory.getLogger(Application.class);
    private static final Duration DEV_TOKEN_LIFETIME = Duration.ofHours(12);
    private static final Duration OUTBOX_POLL_INTERVAL = Duration.ofSeconds(1);
    /** Sent, skipped and failed messages stay listed (admin notifications, history) this long. */
    private static final Duration OUTBOX_RETENTION = Duration.ofDays(30);

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
        var jobs = jobs(settings, clock, storage, shared, calendar.gateway());
        jobs.start();
        resources.push(jobs::stop);
        var webhooks = webhooks(settings, clock, storage, registry, resources);
        var http = http(settings, clock, storage, shared, calendar.webhooks(), useCases, jobs, webhooks, registry);
        var server = http.start(settings.port());
        resources.push(http::stop);
        notifications(settings, clock, storage, server.port(), webhooks, registry, resources);
        return new Application(resources, server.port(), storage.devSecret(), storage.database(), webhooks.sink());
    }

    private static BookingPolicy policy(Settings.Booking booking) {
        return new BookingPolicy(new BookingRules(
                Duration.ofHours(booking.minAdvanceBookingHours()),
                Duration.ofDays(booking.maxFutureBookingDays()),
                booking.maxAppointmentsPerPatient(),
                Duration.ofMinutes(booking.defaultAppointmentMinutes())));
    }

    /** Wiring step 4, the use cases over the ports of the steps before. */
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

    /** Wiring step 5, the background jobs, each run once across the cluster. */
    private static ClusterJobs jobs(
            Settings settings, Clock clock, Storage storage, SharedState shared, CalendarGateway calendar) {
        // A hold is stale only after the calendar call surely ended, also on an instance whose clock is a little off.
        var reconcile = new ReconcileWithCalendar(
                storage.appointments(),
                storage.doctors(),
                calendar,
                shared.cache(),
                clock,
                settings.calendarTimeout().plus(settings.reconcile().margin()));
        // Reminders are queued into the outbox (claim + event in one transaction); the dispatcher sends them.
        var reminders =
                new SendReminders(storage.reminders(), settings.notifications().reminderOffsets(), clock);
        var idempotency = storage.idempotency();
        var webhookLog = storage.calendarEventLog();
        var outbox = storage.outbox();
        return ClusterJobs.standard(
                storage.database().dataSource(),
                settings.reconcile().every(),
                () -> counts(reconcile.run()),
                () -> counts(reminders.run()),
                () -> Map.of(
                        "idempotency_keys_purged", (long) idempotency.purgeExpired(clock.instant()),
                        "webhook_deliveries_purged",
                                (long) webhookLog.purgeOlderThan(
                                        clock.instant().minus(PostgresCalendarEventLog.DEFAULT_RETENTION)),
                        "outbox_purged",
                                (long) outbox.purgeFinishedBefore(
                                        clock.instant().minus(OUTBOX_RETENTION))));
    }

    /**
     * Wiring step 7, notifications: this instance's outbox dispatcher (every instance runs one; their claims keep them
     * apart) and the mail it sends. Pushed after storage, so it stops before the pool closes, finishing its pass.
     */
    private static void notifications(
            Settings settings,
            Clock clock,
            Storage storage,
            int port,
            OutboundWebhooks outbound,
            PrometheusMeterRegistry registry,
            Deque<AutoCloseable> resources) {
        var n = settings.notifications();
        var mailer = Mailers.of(new MailSettings(
                n.smtpUrl() == null ? null : URI.create(n.smtpUrl()),
                n.mailFrom(),
                Path.of(n.mailDirectory()),
                n.smtpTimeout(),
                n.smtpTimeout()));
        var links = manageLinks(settings, storage.jwtSecret(), port);
        // The outbox's two consumers, the patients' e-mails and the integrators' webhooks (docs/webhooks.md), read
        // each event's appointment once between them, and the webhook subscribers of each event type once a batch.
        var current = new CurrentAppointments(storage.appointments(), storage.doctors(), storage.patients());
        var notify = new NotifyPatients(current, links, mailer);
        var webhooks = new HandOutboxEventsToWebhooks(current, outbound.sink());
        var dispatcher = new DispatchOutbox(
                storage.outbox(),
                List.of(NotificationMetrics.counting(notify, registry), webhooks),
                Backoff.STANDARD,
                clock,
                batch -> current.within(() -> outbound.eachOutboxBatch().accept(batch)));
        NotificationMetrics.gauges(storage.outbox(), clock, registry);
        resources.push(OutboxPolling.start(dispatcher, OUTBOX_POLL_INTERVAL));
    }

    /** The links of the e-mails, signed with MANAGE_LINK_SECRET or else a key derived from the JWT secret. */
    static SignedManageLinks manageLinks(Settings settings, String jwtSecret, int port) {
        var n = settings.notifications();
        String base = n.publicBaseUrl() != null ? n.publicBaseUrl() : "http://localhost:" + port;
        return new SignedManageLinks(base, ManageLinkKey.of(n.manageLinkSecret(), jwtSecret));
    }

    /**
     * Wiring step 6, outbound webhooks: subscribers, the outbox's consumer and this instance's delivery workers. The
     * transactional outbox (issue 11) hands each committed event to {@link OutboundWebhooks#sink()}.
     */
    private static OutboundWebhooks webhooks(
            Settings settings,
            Clock clock,
            Storage storage,
            PrometheusMeterRegistry registry,
            Deque<AutoCloseable> resources) {
        return OutboundWebhooks.start(settings, clock, storage, registry, resources);
    }

    /** Wiring step 7, the HTTP API with its operations routes; started last, when everything it calls is ready. */
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
                // Verifying a link needs only the key; the base URL is the notifier's concern (step 7).
                .withManageLinks(manageLinks(settings, storage.jwtSecret(), settings.port()))
                .withNotifications(storage.outbox())
                // The FHIR R4 facade (adapters-fhir): the same server, tokens, use cases and rules.
                .withRoutes(new FhirApi(
                        useCases, ports, jwt, policy(settings.booking()).rules(), clock));
        if (storage.devSecret() != null) { // embedded dev mode only: the pages' "Continue as the demo patient"
            api.withDevTokens(new DevTokens(settings.jwt(), storage.devSecret(), clock).demoUsers(DEV_TOKEN_LIFETIME));
        }
        return api;
    }

    private static Map<String, Long> counts(ReconcileWithCalendar.Report report) {
        return Map.of(
                "pending_confirmed",
                (long) report.pendingConfirmed(),
                "pending_released",
                (long) report.pendingReleased(),
                "orphans_cancelled",
                (long) report.orphansCancelled(),
                "errors",
                (long) report.errors());
    }

    private static Map<String, Long> counts(SendReminders.Report report) {
        return Map.of("queued", (long) report.queued());
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
