package com.cureka.appointments.bootstrap;

import com.cureka.appointments.adapters.postgres.JdbiAppointments;
import com.cureka.appointments.adapters.postgres.JdbiDoctors;
import com.cureka.appointments.adapters.postgres.JdbiPatients;
import com.cureka.appointments.adapters.postgres.PostgresAppointmentNumbers;
import com.cureka.appointments.adapters.postgres.PostgresCalendarEventLog;
import com.cureka.appointments.adapters.postgres.PostgresDatabase;
import com.cureka.appointments.adapters.postgres.PostgresIdempotencyStore;
import com.cureka.appointments.adapters.postgres.PostgresOutbox;
import com.cureka.appointments.adapters.postgres.PostgresReminders;
import com.cureka.appointments.adapters.postgres.PostgresWebhookDeliveries;
import com.cureka.appointments.adapters.postgres.PostgresWebhookSubscriptions;
import com.cureka.appointments.application.doctor.CachingDoctors;
import com.cureka.appointments.application.notification.NotifyPatients;
import com.cureka.appointments.application.port.appointment.AppointmentNumbers;
import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.application.port.patient.Patients;
import com.cureka.appointments.application.webhook.HandOutboxEventsToWebhooks;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.List;

/**
 * Wiring step 1, storage: a real PostgreSQL server, or the embedded one of dev mode, and every port kept in it.
 *
 * @param jwtSecret the secret tokens are signed with: the configured one, or in embedded mode a made-up one
 * @param devSecret the made-up secret of embedded dev mode, or null when {@code JWT_SECRET} was set
 */
record Storage(
        PostgresDatabase database,
        Doctors doctors,
        Appointments appointments,
        Patients patients,
        AppointmentNumbers numbers,
        PostgresIdempotencyStore idempotency,
        PostgresCalendarEventLog calendarEventLog,
        PostgresReminders reminders,
        PostgresWebhookSubscriptions webhookSubscriptions,
        PostgresWebhookDeliveries webhookDeliveries,
        PostgresOutbox outbox,
        String jwtSecret,
        String devSecret) {
    /** Every booking and listing reads its doctor: keep them a few seconds. */
    private static final Duration DOCTOR_CACHE_TTL = Duration.ofSeconds(5);

    static Storage open(Settings settings, MeterRegistry registry, Deque<AutoCloseable> resources) {
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
        // Real time for the doctor cache, whatever clock the app runs on: it only bounds staleness.
        var doctors = new CachingDoctors(new JdbiDoctors(jdbi), DOCTOR_CACHE_TTL, Clock.systemUTC());
        // Every appointment event is kept for both consumers of the outbox: the e-mails and the webhooks.
        var appointments = new JdbiAppointments(jdbi, List.of(NotifyPatients.NAME, HandOutboxEventsToWebhooks.NAME));
        return new Storage(
                database,
                doctors,
                appointments,
                new JdbiPatients(jdbi),
                new PostgresAppointmentNumbers(jdbi, settings.appointmentNumberPrefix()),
                new PostgresIdempotencyStore(jdbi),
                new PostgresCalendarEventLog(jdbi),
                new PostgresReminders(jdbi),
                new PostgresWebhookSubscriptions(jdbi),
                new PostgresWebhookDeliveries(jdbi),
                new PostgresOutbox(jdbi),
                secret,
                devSecret);
    }
}
