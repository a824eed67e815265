package com.cureka.appointments.application.port.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Output port: the transactional outbox. Events are written by the {@code Appointments} (and {@code Reminders})
 * implementations in the transaction of the change, one delivery per consumer; this port is how they are taken out.
 *
 * <p>A claim is a lease: the claimed deliveries are not due again until {@code lease} has passed, so that two instances
 * never hand the same delivery over at once, and a delivery whose instance died mid-way is handed over again
 * afterwards (never lost).
 */
public interface Outbox {
    /** The consumers every event is written for, unless an implementation is told otherwise. */
    List<String> DEFAULT_CONSUMERS = List.of("notifications");

    /** Claims up to {@code limit} due deliveries, oldest first, counting an attempt on each. */
    List<Delivery> claim(Instant now, Duration lease, int limit);

    /** The consumer took it (sent or skipped): it is done and never handed over again. */
    void done(long deliveryId, Handled handled, Instant at);

    /**
     * Several deliveries done at once, as {@link #done} each; one round trip where the store can. For consumers whose
     * hand-over repeats harmlessly, since a crash before this call hands all of them over again.
     */
    default void doneAll(List<Finished> finished, Instant at) {
        finished.forEach(f -> done(f.deliveryId(), f.handled(), at));
    }

    /** A delivery and what its consumer made of it. */
    record Finished(long deliveryId, Handled handled) {}

    /** The consumer failed for now: due again at {@code retryAt}. */
    void retry(long deliveryId, String error, Instant retryAt);

    /** Given up after too many attempts: kept as failed, never handed over again. */
    void fail(long deliveryId, String error, Instant at);

    /** Deletes deliveries finished (done or failed) before the instant; answers how many. */
    int purgeFinishedBefore(Instant instant);

    /** The deliveries, newest first, for operators (and the admin listing of notifications). */
    List<DeliveryRecord> list(DeliveryQuery query);

    /** How many deliveries are due now, and since when the oldest of them is. */
    Depth depth(Instant now);

    record Depth(long due, Instant oldestDueSince) {}
}
