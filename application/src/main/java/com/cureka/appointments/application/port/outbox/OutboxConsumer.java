package com.cureka.appointments.application.port.outbox;

/**
 * Takes the events of the outbox one by one (notifications today, outbound webhooks next). Must be idempotent
 * towards its recipient where it can (the event id is stable): a crash after the recipient accepted an event but
 * before the outbox recorded it hands the event over once more.
 */
public interface OutboxConsumer {
    /** The name its deliveries are kept under; one outbox row per event and consumer. */
    String name();

    /**
     * Whether handing an event over twice does no harm (the recipient keys on the event id): then the dispatcher
     * records a whole batch as done in one go, at the cost of handing the batch over again after a crash.
     */
    default boolean repeatsHarmlessly() {
        return false;
    }

    /** Hands the event on; throws when that failed for now, so that it is retried with backoff. */
    Handled handle(OutboxEvent event);
}
