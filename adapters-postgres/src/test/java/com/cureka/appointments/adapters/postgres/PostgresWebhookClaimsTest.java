package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.webhook.WebhookDelivery;
import com.cureka.appointments.application.port.webhook.WebhookEventType;
import com.cureka.appointments.application.port.webhook.WebhookSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static com.cureka.appointments.testkit.webhook.AppointmentEvents.event;
import static com.cureka.appointments.testkit.webhook.AppointmentEvents.number;
import static org.assertj.core.api.Assertions.assertThat;

/** Workers of several instances claim from one table: FOR UPDATE SKIP LOCKED gives each delivery to one of them. */
class PostgresWebhookClaimsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static PostgresDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabases.migrated(8);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void four_workers_claiming_at_once_take_every_due_delivery_exactly_once() throws Exception {
        var subscriptions = new PostgresWebhookSubscriptions(database.jdbi());
        var deliveries = new PostgresWebhookDeliveries(database.jdbi());
        var sub = new WebhookSubscription(
                UUID.randomUUID(),
                URI.create("https://receiver.example/"),
                EnumSet.of(WebhookEventType.BOOKED),
                null,
                true,
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                null,
                null,
                NOW,
                null);
        subscriptions.add(sub);
        for (int i = 1; i <= 200; i++) {
            deliveries.enqueue(event(WebhookEventType.BOOKED, number(i), NOW), "{}", List.of(sub.id()), NOW);
        }

        List<List<UUID>> claims = Simultaneously.run(4, () -> {
            var mine = new ArrayList<UUID>();
            List<WebhookDelivery> batch;
            while (!(batch = deliveries.claimDue(NOW, Duration.ofMinutes(1), 7)).isEmpty()) {
                batch.forEach(d -> mine.add(d.id()));
            }
            return mine;
        });

        var all = claims.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(200);
        assertThat(new HashSet<>(all)).hasSize(200);
    }
}
