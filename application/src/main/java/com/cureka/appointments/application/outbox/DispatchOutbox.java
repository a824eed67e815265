package com.cureka.appointments.application.outbox;

import com.cureka.appointments.application.port.outbox.Delivery;
import com.cureka.appointments.application.port.outbox.Outbox;
import com.cureka.appointments.application.port.outbox.OutboxConsumer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Use case (runs on every instance): claims due deliveries, hands each to its consumer, and records the outcome.
 * A failure is retried after a growing delay ({@link Backoff}) until {@code Backoff#maxAttempts}, then kept as failed.
 */
public final class DispatchOutbox {
    private static final System.Logger log = System.getLogger(DispatchOutbox.class.getName());

    /**
     * How long a claim keeps other instances off a delivery: longer than any consumer's own timeouts, so that a slow but
     * living instance is never overtaken (which would send twice), short enough that a dead one's claims come back soon.
     */
    public static final Duration LEASE = Duration.ofMinutes(2);

    /**
     * A claimed delivery is handed over only this soon after its claim; the rest of a batch that took longer (fifty
     * e-mails to a slow mail server, say) is given back, due at once, so that no hand-over starts so late that the
     * lease could run out under it and another instance claim and send the same row.
     */
    static final Duration HAND_OVER_WITHIN = LEASE.dividedBy(2);

    static final String GIVEN_BACK = "given back unsent: its batch ran past half the lease";

    private static final int BATCH = 50;

    private final Outbox outbox;
    private final Map<String, OutboxConsumer> consumers;
    private final Backoff backoff;
    private final Clock clock;
    private final Consumer<Runnable> aroundEachBatch;

    public DispatchOutbox(Outbox outbox, List<OutboxConsumer> consumers, Backoff backoff, Clock clock) {
        this(outbox, consumers, backoff, clock, Runnable::run);
    }

    /**
     * @param aroundEachBatch runs the hand-over of each claimed batch, e.g. {@link CurrentAppointments#within}, so
     *     that the consumers read each event's appointment once between them
     */
    public DispatchOutbox(
            Outbox outbox,
            List<OutboxConsumer> consumers,
            Backoff backoff,
            Clock clock,
            Consumer<Runnable> aroundEachBatch) {
        this.outbox = outbox;
        this.consumers = consumers.stream().collect(Collectors.toMap(OutboxConsumer::name, Function.identity()));
        this.backoff = backoff;
        this.clock = clock;
        this.aroundEachBatch = aroundEachBatch;
    }

    public record Report(int done, int retried, int failed) {}

    /** One pass: every delivery due now, in batches, until none is left. */
    public Report run() {
        var outcomes = new EnumMap<Outcome, Integer>(Outcome.class);
        List<Delivery> batch;
        do {
            var claimedAt = clock.instant();
            batch = outbox.claim(claimedAt, LEASE, BATCH);
            var claimed = batch;
            var handOverUntil = claimedAt.plus(HAND_OVER_WITHIN);
            aroundEachBatch.accept(() -> {
                var doneTogether = new ArrayList<Outbox.Finished>();
                for (var delivery : claimed) {
                    if (clock.instant().isAfter(handOverUntil)) {
                        outbox.retry(delivery.id(), GIVEN_BACK, clock.instant());
                        outcomes.merge(Outcome.RETRY, 1, Integer::sum);
                        continue;
                    }
                    outcomes.merge(handle(delivery, doneTogether), 1, Integer::sum);
                }
                outbox.doneAll(doneTogether, clock.instant());
            });
        } while (batch.size() == BATCH);
        return new Report(
                outcomes.getOrDefault(Outcome.DONE, 0),
                outcomes.getOrDefault(Outcome.RETRY, 0),
                outcomes.getOrDefault(Outcome.FAILED, 0));
    }

    private enum Outcome {
        DONE,
        RETRY,
        FAILED
    }

    /** Records the outcome at once, or adds it to {@code doneTogether} when the consumer repeats harmlessly. */
    private Outcome handle(Delivery delivery, List<Outbox.Finished> doneTogether) {
        var consumer = consumers.get(delivery.consumer());
        try {
            if (consumer == null) {
                throw new IllegalStateException("no consumer named " + delivery.consumer() + " on this instance");
            }
            var handled = consumer.handle(delivery.event());
            if (consumer.repeatsHarmlessly()) {
                doneTogether.add(new Outbox.Finished(delivery.id(), handled));
            } else {
                outbox.done(delivery.id(), handled, clock.instant()); // sent: recorded before the next is sent
            }
            return Outcome.DONE;
        } catch (RuntimeException e) {
            String error = describe(e);
            if (delivery.attempts() >= backoff.maxAttempts()) {
                log.log(
                        System.Logger.Level.WARNING,
                        "outbox delivery {0} ({1}) failed for good after {2} attempts: {3}",
                        delivery.id(),
                        delivery.consumer(),
                        delivery.attempts(),
                        error);
                outbox.fail(delivery.id(), error, clock.instant());
                return Outcome.FAILED;
            }
            log.log(
                    System.Logger.Level.INFO,
                    "outbox delivery {0} ({1}) failed, attempt {2}: {3}",
                    delivery.id(),
                    delivery.consumer(),
                    delivery.attempts(),
                    error);
            outbox.retry(delivery.id(), error, clock.instant().plus(backoff.after(delivery.attempts())));
            return Outcome.RETRY;
        }
    }

    /** The failure's class and message, short: it is stored and shown to operators. */
    private static String describe(RuntimeException e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() <= 500 ? text : text.substring(0, 500);
    }
}
