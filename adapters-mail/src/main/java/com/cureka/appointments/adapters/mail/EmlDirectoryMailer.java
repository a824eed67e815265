package com.cureka.appointments.adapters.mail;

import com.cureka.appointments.application.port.notification.Mailer;
import com.cureka.appointments.application.port.notification.Notice;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

/**
 * {@link Mailer} of dev mode: each message becomes a {@code .eml} file that any mail program opens. The file is named
 * after the event, and written whole then moved into place, so a retry overwrites the same file and a reader never
 * sees half a message.
 */
final class EmlDirectoryMailer implements Mailer {
    private final Path directory;
    private final MailMessages messages;
    private final Session session = Session.getInstance(new Properties());

    EmlDirectoryMailer(Path directory, MailMessages messages) {
        this.directory = directory;
        this.messages = messages;
    }

    @Override
    public void send(Notice notice) {
        try {
            Files.createDirectories(directory);
            var name = "%s-%s-%s.eml"
                    .formatted(
                            notice.number().format(), notice.kind().name().toLowerCase(Locale.ROOT), notice.eventId());
            var target = directory.resolve(name);
            var partial = directory.resolve(name + ".part");
            var message = messages.build(session, notice);
            try (OutputStream out = Files.newOutputStream(partial)) {
                message.writeTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | MessagingException e) {
            throw new MailNotSent("could not write the message into " + directory + ": " + e.getMessage(), e);
        }
    }
}
