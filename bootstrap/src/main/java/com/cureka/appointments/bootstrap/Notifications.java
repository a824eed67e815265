package com.cureka.appointments.bootstrap;

import com.cureka.appointments.adapters.http.manage.SignedManageLinks;
import com.cureka.appointments.adapters.mail.MailSettings;
import com.cureka.appointments.adapters.mail.Mailers;
import com.cureka.appointments.application.notification.NotifyPatients;
import com.cureka.appointments.application.outbox.Backoff;
import com.cureka.appointments.application.outbox.CurrentAppointments;
import com.cureka.appointments.application.outbox.DispatchOutbox;
import com.cureka.appointments.application.outbox.OutboxPolling;
import com.cureka.appointments.application.webhook.HandOutboxEventsToWebhooks;
import io.micrometer.core.instrument.MeterRegistry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.List;

/**
 * Wiring step "notifications": this instance's outbox dispatcher (every instance runs one; their claims keep them
 * apart) and the mail it sends. Pushed after storage, so it stops before the pool closes, finishing its pass.
 */
final class Notifications {
    private static final Duration OUTBOX_POLL_INTERVAL = Duration.ofSeconds(1);

    private Notifications() {}

    static void start(
            Settings settings,
            Clock clock,
            Storage storage,
            int port,
            OutboundWebhooks outbound,
            MeterRegistry registry,
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
}
