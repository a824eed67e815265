package com.cureka.appointments.adapters.mail;

/** A message that was not handed over; the outbox retries it. */
public final class MailNotSent extends RuntimeException {
    MailNotSent(String message, Throwable cause) {
        super(message, cause);
    }
}
