package com.cureka.appointments.application.port.outbox;

/**
 * One event claimed for one consumer.
 *
 * @param attempts how many times it was claimed, this claim included
 */
public record Delivery(long id, String consumer, OutboxEvent event, int attempts) {}
