package com.cureka.appointments.adapters.mail;

import com.cureka.appointments.application.port.notification.Notice.Kind;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class EmlDirectoryMailerTest {
    @TempDir
    Path directory;

    @Test
    void without_an_smtp_server_each_message_is_an_eml_file_a_mail_program_opens() throws Exception {
        var mailer = new EmlDirectoryMailer(directory.resolve("mail"), new MailMessages("appointments@localhost"));
        var notice = Notices.of(Kind.BOOKED, 0);

        mailer.send(notice);
        mailer.send(notice); // a retry of the same event

        try (var files = Files.list(directory.resolve("mail"))) {
            var eml = files.toList();
            assertThat(eml)
                    .singleElement()
                    .satisfies(f -> assertThat(f.getFileName().toString())
                            .isEqualTo("AID-20251120-0007-booked-" + notice.eventId() + ".eml"));
            try (InputStream in = Files.newInputStream(eml.getFirst())) {
                var message = new MimeMessage(Session.getInstance(new Properties()), in);
                assertThat(message.getSubject()).contains("is booked");
                assertThat(SmtpMailerTest.ics(SmtpMailerTest.invite(message))
                                .getMethod()
                                .getValue())
                        .isEqualTo("REQUEST");
            }
        }
    }
}
