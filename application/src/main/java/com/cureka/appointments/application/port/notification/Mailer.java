package com.cureka.appointments.application.port.notification;

/** Output port: sends one notice by e-mail (SMTP, or files in dev mode). */
public interface Mailer {
    /**
     * Returns once the server accepted the message; throws when it did not (down, refused, timed out), so that the
     * outbox retries it later.
     */
    void send(Notice notice);
}
