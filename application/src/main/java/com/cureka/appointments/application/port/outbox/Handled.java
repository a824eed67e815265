package com.cureka.appointments.application.port.outbox;

/** What a consumer made of an event it took: passed on to its recipient, or deliberately not (with why). */
public sealed interface Handled {
    /** The recipient it went to (an address, a URL), or null when there is none to name. */
    String recipient();

    record Sent(String recipient) implements Handled {}

    record Skipped(String recipient, String reason) implements Handled {}
}
