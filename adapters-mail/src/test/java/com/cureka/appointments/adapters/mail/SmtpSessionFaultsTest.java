package com.cureka.appointments.adapters.mail;

import com.cureka.appointments.adapters.mail.MisbehavingSmtpServer.Fault;
import com.cureka.appointments.application.port.notification.Notice.Kind;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A mail server failing in the middle of a session. API.md: retried while the server fails, and sent at most once
 * after the server accepted it — so a failure before the {@code 250} after DATA is a retry, one after it is not.
 */
class SmtpSessionFaultsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static SmtpMailer mailerFor(MisbehavingSmtpServer server) {
        return new SmtpMailer(
                new MailSettings(
                        URI.create("smtp://127.0.0.1:" + server.port()),
                        "appointments@clinic.example",
                        Path.of("unused"),
                        TIMEOUT,
                        TIMEOUT),
                new MailMessages("appointments@clinic.example"));
    }

    @Test
    void a_server_that_stops_answering_mid_session_fails_the_send_within_the_read_timeout() throws Exception {
        try (var server = new MisbehavingSmtpServer(Fault.SILENT_AFTER_GREETING)) {
            long began = System.nanoTime();

            assertThatThrownBy(() -> mailerFor(server).send(Notices.of(Kind.BOOKED, 0)))
                    .isInstanceOf(MailNotSent.class);

            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(TIMEOUT.multipliedBy(4));
            assertThat(server.messagesAccepted()).isZero();
        }
    }

    @Test
    void a_temporary_refusal_of_the_message_fails_the_send_so_that_the_outbox_retries_it() throws Exception {
        try (var server = new MisbehavingSmtpServer(Fault.TEMPORARY_FAILURE_AFTER_DATA)) {
            assertThatThrownBy(() -> mailerFor(server).send(Notices.of(Kind.BOOKED, 0)))
                    .isInstanceOf(MailNotSent.class)
                    .hasMessageContaining("451");
        }
    }

    @Test
    void a_message_the_server_accepted_counts_as_sent_even_when_the_server_hangs_up_on_quit() throws Exception {
        try (var server = new MisbehavingSmtpServer(Fault.HANGS_UP_ON_QUIT)) {
            mailerFor(server).send(Notices.of(Kind.BOOKED, 0));

            assertThat(server.messagesAccepted()).isEqualTo(1);
        }
    }

    @Test
    void a_message_the_server_accepted_counts_as_sent_even_when_quit_is_never_answered() throws Exception {
        try (var server = new MisbehavingSmtpServer(Fault.SILENT_ON_QUIT)) {
            long began = System.nanoTime();

            mailerFor(server).send(Notices.of(Kind.BOOKED, 0));

            assertThat(server.messagesAccepted()).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(TIMEOUT.multipliedBy(4));
        }
    }
}
