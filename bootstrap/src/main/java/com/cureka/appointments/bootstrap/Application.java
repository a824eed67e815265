package com.cureka.appointments.bootstrap;

import com.cureka.appointments.adapters.calcom.CalComCalendarGateway;
import com.cureka.appointments.adapters.calcom.CalComSettings;
import com.cureka.appointments.adapters.calcom.webhook.CalComWebhookReader;
import com.cureka.appointments.adapters.http.HttpApi;
import com.cureka.appointments.adapters.http.Ports;
import com.cureka.appointments.adapters.http.UseCases;
import com.cureka.appointments.adapters.http.auth.JwtSettings;
import com.cureka.appointments.adapters.http.ops.HealthCheck;
import com.cureka.appointments.adapters.http.ops.HealthChecks;
import com.cureka.appointments.adapters.http.ops.Metrics;
import com.cureka.appointments.adapters.http.ops.Operations;
import com.cureka.appointments.adapters.postgres.DatabaseOutage;
import com.cureka.appointments.adapters.postgres.JdbiAppointments;
import com.cureka.appointments.adapters.postgres.JdbiDoctors;
import com.cureka.appointments.adapters.postgres.PostgresAppointmentNumbers;
import com.cureka.appointments.adapters.postgres.PostgresCalendarEventLog;
import com.cureka.appointments.adapters.postgres.PostgresDatabase;
import com.cureka.appointments.adapters.postgres.PostgresIdempotencyStore;
import com.cureka.appointments.adapters.postgres.PostgresReminders;
import com.cureka.appointments.adapters.redis.RedisAvailabilityCache;
import com.cureka.appointments.adapters.redis.RedisBookingRateLimiter;
import com.cureka.appointments.adapters.redis.RedisConnection;
import com.cureka.appointments.application.appointment.BookAppointment;
import com.cureka.appointments.application.appointment.CancelAppointment;
import com.cureka.appointments.application.appointment.GetAppointment;
import com.cureka.appointments.application.appointment.ListAppointments;
import com.cureka.appointments.application.appointment.RescheduleAppointment;
import com.cureka.appointments.application.availability.AlternativeSlots;
import com.cureka.appointments.application.availability.FindAvailableSlots;
import com.cureka.appointments.application.availability.SlotFinder;
import com.cureka.appointments.application.calendar.BuiltInCalendar;
import com.cureka.appointments.application.calendar.HandleCalendarEvent;
import com.cureka.appointments.application.calendar.ReconcileWithCalendar;
import com.cureka.appointments.application.doctor.CachingDoctors;
import com.cureka.appointments.application.doctor.ChangeSchedule;
import com.cureka.appointments.application.doctor.DeactivateDoctor;
import com.cureka.appointments.application.doctor.GetDoctor;
import com.cureka.appointments.application.doctor.ListDoctors;
import com.cureka.appointments.application.doctor.RegisterDoctor;
import com.cureka.appointments.application.memory.InProcessAvailabilityCache;
import com.cureka.appointments.application.memory.InProcessBookingRateLimiter;
import com.cureka.appointments.application.port.availability.AvailabilityCache;
import com.cureka.appointments.application.port.availability.BookingRateLimiter;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.calendar.CalendarWebhookReader;
import com.cureka.appointments.application.reminder.SendReminders;
import com.cureka.appointments.bootstrap.jobs.ClusterJobs;
import com.cureka.appointments.domain.booking.BookingPolicy;
import com.cureka.appointments.domain.booking.BookingRules;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The composition root: builds every adapter and use case by hand from the settings, in one readable place,
 * and closes them in reverse order. No container, no reflection.
 */
public final class Application {
    private static final Logger log = LoggerFactory.getLogger(Application.class);
    private static final Duration AVAILABILITY_TTL = Duration.ofMinutes(5);
    private static final Duration WEBHOOK_MAX_AGE = Duration.ofHours(1);
    private static final Duration DOCTOR_CACHE_TTL = Duration.ofSeconds(5);
    private static final Duration REMINDER_LEAD_TIME = Duration.ofHours(24);

    private final Deque<AutoCloseable> resources;
    private final int port;
    private final String devSecret;
    private final PostgresDatabase database;
    private boolean stopped;

    private Application(Deque<AutoCloseable> resources, int port, String devSecret, PostgresDatabase database) {
        this.resources = resources;
        this.port = port;
        this.devSecret = devSecret;
        this.database = database;
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

    private static Application wire(Settings settings, Clock clock, Deque<AutoCloseable> resources) {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        resources.push(Metrics.bindJvm(registry)::close);

        // Storage: a real server, or the embedded PostgreSQL of dev mode.
        DatabaseUrl url;
        String devSecret = null;
        String secret = settings.jwt().secret();
        if (settings.database().embedded()) {
            var dataDirectory = Path.of(settings.database().embeddedDirectory()).toAbsolutePath();
            var embedded = EmbeddedDatabase.start(dataDirectory);
            resources.push(embedded);
            url = new DatabaseUrl(embedded.jdbcUrl(), embedded.user(), null);
            if (secret == null) {
                devSecret = DevSecret.loadOrCreate(dataDirectory.resolveSibling("dev-jwt-secret"));
                secret = devSecret;
            }
        } else {
            url = DatabaseUrl.of(
                    settings.database().url(),
                    settings.database().user(),
                    settings.database().password());
        }
        var database = PostgresDatabase.start(
                url.jdbcUrl(), url.user(), url.password(), settings.database().poolSize());
        resources.push(database::close);
        if (database.dataSource() instanceof HikariDataSource pool) {
            pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        var jdbi = database.jdbi();
        // Every booking and listing reads its doctor: keep them a few seconds (real time, whatever clock the app runs
        // on).
        var doctors = new CachingDoctors(new JdbiDoctors(jdbi), DOCTOR_CACHE_TTL, Clock.systemUTC());
        var appointments = new JdbiAppointments(jdbi);
        var numbers = new PostgresAppointmentNumbers(jdbi, settings.appointmentNumberPrefix());
        var idempotency = new PostgresIdempotencyStore(jdbi);
        var webhookLog = new PostgresCalendarEventLog(jdbi);

        // Shared state of several instances: Redis, or in-process stand-ins for a single instance.
        AvailabilityCache cache;
        BookingRateLimiter limiter;
        var informationalChecks = new LinkedHashMap<String, HealthCheck>();
        if (settings.redisUrl() != null) {
            var redis = new RedisConnection(settings.redisUrl());
            resources.push(redis::close);
            if (!redis.ping()) {
                log.warn(
                        "Redis at {} does not answer yet: listings go to the database, the rate limiter lets bookings through",
                        redis);
            }
            cache = new RedisAvailabilityCache(redis);
            var redisLimiter = new RedisBookingRateLimiter(redis, settings.rateLimitBookingsPerMinute(), clock);
            Gauge.builder("booking_rate_limiter_fail_open_total", redisLimiter, RedisBookingRateLimiter::failOpenCount)
                    .description("booking attempts let through because Redis could not be asked")
                    .register(registry);
            limiter = redisLimiter;
            informationalChecks.put("redis", redis::ping);
        } else {
            cache = new InProcessAvailabilityCache(AVAILABILITY_TTL, clock);
            limiter = new InProcessBookingRateLimiter(settings.rateLimitBookingsPerMinute(), clock);
        }

        // The doctor's calendar: Cal.com when a key is set, otherwise the built-in one.
        CalendarGateway builtIn = new BuiltInCalendar(settings.videoRoomBaseUrl());
        CalendarGateway calendar = builtIn;
        CalendarWebhookReader webhooks = Ports.NO_CALENDAR_WEBHOOKS;
        if (settings.calCom().connected()) {
            calendar = new CalComCalendarGateway(
                    CalComSettings.of(
                            settings.calCom().apiKey(), settings.calCom().baseUrl(), settings.calendarTimeout()),
                    builtIn);
            if (settings.calCom().webhookSecret() != null) {
                webhooks = new CalComWebhookReader(settings.calCom().webhookSecret(), clock, WEBHOOK_MAX_AGE)
                        .withNumberLookup(calendar);
            }
        }

        var booking = settings.booking();
        var policy = new BookingPolicy(new BookingRules(
                Duration.ofHours(booking.minAdvanceBookingHours()),
                Duration.ofDays(booking.maxFutureBookingDays()),
                booking.maxAppointmentsPerPatient(),
                Duration.ofMinutes(booking.defaultAppointmentMinutes())));
        var finder = new SlotFinder(appointments, calendar, cache, policy);
        var alternatives = new AlternativeSlots(finder, appointments, policy);
        var register = new RegisterDoctor(doctors);
        var useCases = new UseCases(
                new BookAppointment(
                        doctors,
                        appointments,
                        numbers,
                        calendar,
                        cache,
                        limiter,
                        alternatives,
                        policy,
                        settings.appointmentNumberZone(),
                        clock),
                new GetAppointment(appointments, doctors, appointments),
                new ListAppointments(appointments),
                new CancelAppointment(appointments, doctors, appointments, calendar, cache, clock),
                new RescheduleAppointment(
                        appointments, doctors, appointments, calendar, cache, alternatives, policy, clock),
                new FindAvailableSlots(doctors, finder, clock),
                new ListDoctors(doctors),
                new GetDoctor(doctors),
                register,
                new DeactivateDoctor(doctors, cache),
                new ChangeSchedule(doctors, appointments, cache, clock),
                new HandleCalendarEvent(appointments, doctors, cache, webhookLog, clock));
        if (settings.demoData()) {
            DemoData.seed(register);
        }

        // Background jobs, each run once across the cluster.
        // A hold is stale only after the calendar call surely ended, also on an instance whose clock is a little off.
        var reconcile = new ReconcileWithCalendar(
                appointments,
                doctors,
                calendar,
                cache,
                clock,
                settings.calendarTimeout().plusMinutes(1));
        var reminders = new SendReminders(
                new PostgresReminders(jdbi), doctors, appointments, new LoggingNotifier(), REMINDER_LEAD_TIME, clock);
        var jobs = ClusterJobs.standard(
                database.dataSource(),
                () -> counts(reconcile.run()),
                () -> counts(reminders.run()),
                () -> Map.of(
                        "idempotency_keys_purged",
                        (long) idempotency.purgeExpired(clock.instant()),
                        "webhook_deliveries_purged",
                        (long) webhookLog.purgeOlderThan(
                                clock.instant().minus(PostgresCalendarEventLog.DEFAULT_RETENTION))));
        jobs.start();
        resources.push(jobs::stop);

        var health = new HealthChecks(Map.of("database", database::isReachable), informationalChecks);
        var http = new HttpApi(
                        useCases,
                        new Ports(doctors, appointments, appointments, idempotency, webhooks, jobs),
                        new JwtSettings(
                                secret, settings.jwt().issuer(), settings.jwt().audience()),
                        clock)
                .withOperations(new Operations(registry, health))
                .withUnavailability(DatabaseOutage::isUnavailability);
        var server = http.start(settings.port());
        resources.push(http::stop);
        return new Application(resources, server.port(), devSecret, database);
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
        return Map.of("sent", (long) report.sent(), "failed", (long) report.failed());
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
