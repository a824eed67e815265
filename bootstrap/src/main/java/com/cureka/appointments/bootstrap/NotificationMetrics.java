package com.cureka.appointments.bootstrap;

import com.cureka.appointments.application.port.outbox.Handled;
import com.cureka.appointments.application.port.outbox.Outbox;
import com.cureka.appointments.application.port.outbox.OutboxConsumer;
import com.cureka.appointments.application.port.outbox.OutboxEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;

/**
 * The notifications' metrics: {@code notifications_total{kind,outcome}} (outcome sent, skipped or error: an error is
 * retried), and the outbox's depth ({@code outbox_due}) and the age of its oldest due row
 * ({@code outbox_oldest_due_seconds}), read from the outbox at each scrape.
 */
final class NotificationMetrics {
    private NotificationMetrics() {}

    static OutboxConsumer counting(OutboxConsumer consumer, MeterRegistry registry) {
        return new OutboxConsumer() {
            @Override
            public String name() {
                return consumer.name();
            }

            @Override
            public boolean repeatsHarmlessly() {
                return consumer.repeatsHarmlessly();
            }

            @Override
            public Handled handle(OutboxEvent event) {
                String kind = event.type().substring(event.type().indexOf('.') + 1);
                try {
                    var handled = consumer.handle(event);
                    count(kind, handled instanceof Handled.Sent ? "sent" : "skipped");
                    return handled;
                } catch (RuntimeException e) {
                    count(kind, "error");
                    throw e;
                }
            }

            private void count(String kind, String outcome) {
                registry.counter("notifications_total", "kind", kind, "outcome", outcome)
                        .increment();
            }
        };
    }

    static void gauges(Outbox outbox, Clock clock, MeterRegistry registry) {
        Gauge.builder("outbox_due", outbox, o -> o.depth(clock.instant()).due())
                .description("outbox deliveries due now")
                .register(registry);
        Gauge.builder("outbox_oldest_due_seconds", outbox, o -> {
                    var oldest = o.depth(clock.instant()).oldestDueSince();
                    return oldest == null
                            ? 0
                            : Duration.between(oldest, clock.instant()).toSeconds();
                })
                .description("age of the oldest outbox delivery that is due")
                .register(registry);
    }
}
