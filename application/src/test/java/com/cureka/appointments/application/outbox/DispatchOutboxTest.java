package com.cureka.appointments.application.outbox;

import com.cureka.appointments.application.memory.InMemoryOutbox;
import com.cureka.appointments.application.port.outbox.DeliveryQuery;
import com.cureka.appointments.application.port.outbox.DeliveryRecord;
import com.cureka.appointments.application.port.outbox.DeliveryRecord.Status;
import com.cureka.appointments.application.port.outbox.Handled;
import com.cureka.appointments.application.port.outbox.OutboxConsumer;
import com.cureka.appointments.application.port.outbox.OutboxEvent;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchOutboxTest {
    private static final Instant NOW = Instant.parse("2025-11-20T08:00:00Z");
    private static final Backoff BACKOFF = new Backoff(List.of(Duration.ofSeconds(30), Duration.ofMinutes(2)), 3);

    private final SettableClock clock = new SettableClock(NOW);
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final RecordingConsumer consumer = new RecordingConsumer();
    private final DispatchOutbox dispatcher = new DispatchOutbox(outbox, List.of(consumer), BACKOFF, clock);

    @Test
    void each_due_event_is_handed_to_its_consumer_once_and_recorded_as_sent() {
        var event = event();
        outbox.add(event);

        assertThat(dispatcher.run()).isEqualTo(new DispatchOutbox.Report(1, 0, 0));
        assertThat(dispatcher.run()).isEqualTo(new DispatchOutbox.Report(0, 0, 0));

        assertThat(consumer.received).containsExactly(event);
        assertThat(only().status()).isEqualTo(Status.SENT);
    }

    @Test
    void a_failing_consumer_is_retried_after_the_backoff_and_not_before() {
        outbox.add(event());
        consumer.failing = true;
        assertThat(dispatcher.run().retried()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(29));
        dispatcher.run();
        assertThat(consumer.attempts).isEqualTo(1);

        consumer.failing = false;
        clock.advance(Duration.ofSeconds(1));
        assertThat(dispatcher.run().done()).isEqualTo(1);
        assertThat(only().status()).isEqualTo(Status.SENT);
        assertThat(only().attempts()).isEqualTo(2);
    }

    @Test
    void after_the_last_attempt_the_delivery_is_kept_as_failed_with_its_error() {
        outbox.add(event());
        consumer.failing = true;

        for (int pass = 0; pass < 5; pass++) {
            dispatcher.run();
            clock.advance(Duration.ofMinutes(5));
        }

        assertThat(consumer.attempts).isEqualTo(3);
        assertThat(only().status()).isEqualTo(Status.FAILED);
        assertThat(only().lastError()).contains("mail server down");
    }

    @Test
    void a_skip_is_final_and_keeps_its_reason() {
        outbox.add(event());
        consumer.skipping = true;

        dispatcher.run();
        clock.advance(Duration.ofDays(1));
        dispatcher.run();

        assertThat(consumer.attempts).isEqualTo(1);
        assertThat(only().status()).isEqualTo(Status.SKIPPED);
        assertThat(only().lastError()).isEqualTo("no e-mail address");
    }

    @Test
    void a_consumer_that_sends_has_each_delivery_recorded_before_the_next_is_handed_over() {
        outbox.add(event());
        outbox.add(event());
        var mail = new NotingPending(false);

        new DispatchOutbox(outbox, List.of(mail), BACKOFF, clock).run();

        assertThat(mail.pendingWhenHanded).containsExactly(2L, 1L);
    }

    @Test
    void a_consumer_that_repeats_harmlessly_has_its_whole_batch_recorded_together_after_it() {
        outbox.add(event());
        outbox.add(event());
        var handOver = new NotingPending(true);

        var report = new DispatchOutbox(outbox, List.of(handOver), BACKOFF, clock).run();

        assertThat(handOver.pendingWhenHanded).containsExactly(2L, 2L);
        assertThat(report.done()).isEqualTo(2);
        assertThat(pendingCount()).isZero();
        assertThat(outbox.claim(NOW.plus(Duration.ofDays(1)), DispatchOutbox.LEASE, 10))
                .isEmpty();
    }

    @Test
    void each_claimed_batch_is_handed_over_inside_the_given_scope() {
        outbox.add(event());
        var insideScope = new ArrayList<Boolean>();
        var scope = new boolean[1];
        var consumerInScope = new RecordingConsumer() {
            @Override
            public Handled handle(OutboxEvent event) {
                insideScope.add(scope[0]);
                return super.handle(event);
            }
        };

        new DispatchOutbox(outbox, List.of(consumerInScope), BACKOFF, clock, batch -> {
                    scope[0] = true;
                    batch.run();
                    scope[0] = false;
                })
                .run();

        assertThat(insideScope).containsExactly(true);
    }

    @Test
    void a_batch_that_runs_past_half_the_lease_gives_the_rest_back_unsent_for_the_next_pass() {
        var events = List.of(event(), event(), event());
        events.forEach(outbox::add);
        var slowMailServer = new RecordingConsumer() {
            @Override
            public Handled handle(OutboxEvent event) {
                clock.advance(Duration.ofSeconds(40));
                return super.handle(event);
            }
        };
        var dispatcher = new DispatchOutbox(outbox, List.of(slowMailServer), BACKOFF, clock);

        var first = dispatcher.run();

        assertThat(first).isEqualTo(new DispatchOutbox.Report(2, 1, 0));
        assertThat(slowMailServer.received).containsExactlyElementsOf(events.subList(0, 2));
        assertThat(outbox.list(new DeliveryQuery(null, null, Status.PENDING, 10, null)))
                .singleElement()
                .satisfies(row -> assertThat(row.lastError()).isEqualTo(DispatchOutbox.GIVEN_BACK));

        assertThat(dispatcher.run()).isEqualTo(new DispatchOutbox.Report(1, 0, 0));
        assertThat(slowMailServer.received).containsExactlyElementsOf(events);
    }

    /** Notes how many deliveries were still pending when each was handed to it. */
    private final class NotingPending extends RecordingConsumer {
        final List<Long> pendingWhenHanded = new ArrayList<>();
        private final boolean repeatsHarmlessly;

        NotingPending(boolean repeatsHarmlessly) {
            this.repeatsHarmlessly = repeatsHarmlessly;
        }

        @Override
        public Handled handle(OutboxEvent event) {
            pendingWhenHanded.add(pendingCount());
            return super.handle(event);
        }

        @Override
        public boolean repeatsHarmlessly() {
            return repeatsHarmlessly;
        }
    }

    private long pendingCount() {
        return outbox.list(new DeliveryQuery(null, null, null, 100, null)).stream()
                .filter(r -> r.status() == Status.PENDING)
                .count();
    }

    private DeliveryRecord only() {
        return outbox.list(new DeliveryQuery(null, null, null, 10, null)).getFirst();
    }

    private static OutboxEvent event() {
        return new OutboxEvent(
                UUID.randomUUID(),
                "appointment.booked",
                new AppointmentNumber("AID", LocalDate.of(2025, 11, 20), 1),
                NOW,
                Map.of("sequence", "0"));
    }

    private static class RecordingConsumer implements OutboxConsumer {
        final List<OutboxEvent> received = new ArrayList<>();
        boolean failing;
        boolean skipping;
        int attempts;

        @Override
        public String name() {
            return "notifications";
        }

        @Override
        public Handled handle(OutboxEvent event) {
            attempts++;
            if (failing) {
                throw new IllegalStateException("mail server down");
            }
            if (skipping) {
                return new Handled.Skipped(null, "no e-mail address");
            }
            received.add(event);
            return new Handled.Sent("asha@example.org");
        }
    }

    /** The application module's tests cannot see the testkit's MutableClock (the testkit depends on this module). */
    private static final class SettableClock extends Clock {
        private Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
