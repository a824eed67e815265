package com.cureka.appointments.bootstrap;

import com.cureka.appointments.adapters.calcom.CalComCalendarGateway;
import com.cureka.appointments.adapters.calcom.CalComSettings;
import com.cureka.appointments.adapters.http.HttpApi;
import com.cureka.appointments.adapters.http.UseCases;
import com.cureka.appointments.adapters.http.auth.JwtSettings;
import com.cureka.appointments.adapters.postgres.JdbiAppointments;
import com.cureka.appointments.adapters.postgres.JdbiDoctors;
import com.cureka.appointments.adapters.postgres.PostgresAppointmentNumbers;
import com.cureka.appointments.adapters.postgres.PostgresDatabase;
import com.cureka.appointments.adapters.redis.RedisAvailabilityCache;
import com.cureka.appointments.adapters.redis.RedisBookingRateLimiter;
import com.cureka.appointments.adapters.redis.RedisConnection;
import com.cureka.appointments.application.appointment.BookAppointment;
import com.cureka.appointments.application.appointment.GetAppointment;
import com.cureka.appointments.application.availability.AlternativeSlots;
import com.cureka.appointments.application.availability.AvailabilityCache;
import com.cureka.appointments.application.availability.BookingRateLimiter;
import com.cureka.appointments.application.availability.FindAvailableSlots;
import com.cureka.appointments.application.availability.SlotFinder;
import com.cureka.appointments.application.calendar.BuiltInCalendar;
import com.cureka.appointments.application.calendar.CalendarGateway;
import com.cureka.appointments.application.doctor.DeactivateDoctor;
import com.cureka.appointments.application.doctor.GetDoctor;
import com.cureka.appointments.application.doctor.ListDoctors;
import com.cureka.appointments.application.doctor.RegisterDoctor;
import com.cureka.appointments.application.memory.InProcessAvailabilityCache;
import com.cureka.appointments.application.memory.InProcessBookingRateLimiter;
import com.cureka.appointments.domain.booking.BookingPolicy;
import com.cureka.appointments.domain.booking.BookingRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The composition root: builds every adapter and use case by hand from the settings, in one readable place,
 * and closes them in reverse order. No container, no reflection.
 */
public final class Application {
    private static final Logger log = LoggerFactory.getLogger(Application.class);
    private static final Duration AVAILABILITY_TTL = Duration.ofMinutes(5);

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
            url = DatabaseUrl.of(settings.database().url(), settings.database().user(), settings.database().password());
        }
        var database = PostgresDatabase.start(url.jdbcUrl(), url.user(), url.password(), settings.database().poolSize());
        resources.push(database::close);
        var jdbi = database.jdbi();
        var doctors = new JdbiDoctors(jdbi);
        var appointments = new JdbiAppointments(jdbi);
        var numbers = new PostgresAppointmentNumbers(jdbi, settings.appointmentNumberPrefix());

        // Shared state of several instances: Redis, or in-process stand-ins for a single instance.
        AvailabilityCache cache;
        BookingRateLimiter limiter;
        if (settings.redisUrl() != null) {
            var redis = new RedisConnection(settings.redisUrl());
            resources.push(redis::close);
            if (!redis.ping()) {
                log.warn("Redis at {} does not answer yet: listings go to the database, the rate limiter lets bookings through", redis);
            }
            cache = new RedisAvailabilityCache(redis);
            limiter = new RedisBookingRateLimiter(redis, settings.rateLimitBookingsPerMinute(), clock);
        } else {
            cache = new InProcessAvailabilityCache(AVAILABILITY_TTL, clock);
            limiter = new InProcessBookingRateLimiter(settings.rateLimitBookingsPerMinute(), clock);
        }

        // The doctor's calendar: Cal.com when a key is set, otherwise the built-in one.
        CalendarGateway builtIn = new BuiltInCalendar(settings.videoRoomBaseUrl());
        CalendarGateway calendar = settings.calCom().connected()
                ? new CalComCalendarGateway(CalComSettings.of(settings.calCom().apiKey(), settings.calCom().baseUrl(),
                        settings.calendarTimeout()), builtIn)
                : builtIn;

        var booking = settings.booking();
        var policy = new BookingPolicy(new BookingRules(Duration.ofHours(booking.minAdvanceBookingHours()),
                Duration.ofDays(booking.maxFutureBookingDays()), booking.maxAppointmentsPerPatient(),
                Duration.ofMinutes(booking.defaultAppointmentMinutes())));
        var finder = new SlotFinder(appointments, calendar, cache, policy);
        var alternatives = new AlternativeSlots(finder, appointments, policy);
        var register = new RegisterDoctor(doctors);
        var useCases = new UseCases(
                new BookAppointment(doctors, appointments, numbers, calendar, cache, limiter, alternatives, policy,
                        settings.appointmentNumberZone(), clock),
                new GetAppointment(appointments, doctors, appointments),
                new FindAvailableSlots(doctors, finder, clock),
                new ListDoctors(doctors),
                new GetDoctor(doctors),
                register,
                new DeactivateDoctor(doctors, cache));
        if (settings.demoData()) {
            DemoData.seed(register);
        }

        var http = new HttpApi(useCases, new JwtSettings(secret, settings.jwt().issuer(), settings.jwt().audience()), clock);
        var server = http.start(settings.port());
        resources.push(http::stop);
        return new Application(resources, server.port(), devSecret, database);
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
