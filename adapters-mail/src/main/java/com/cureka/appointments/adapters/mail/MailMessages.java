package com.cureka.appointments.adapters.mail;

import com.cureka.appointments.application.port.notification.Notice;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * Builds the MIME message of a notice: {@code multipart/mixed} of a {@code multipart/alternative} (text, HTML) and
 * the {@code invite.ics} attachment. Its Message-ID is made of the outbox event's id, so that every retry of one event
 * is the same message to a receiving server or mail program that deduplicates.
 */
final class MailMessages {
    static final String MESSAGE_ID_DOMAIN = "appointments.cureka";

    private final String from;

    MailMessages(String from) {
        this.from = from;
    }

    MimeMessage build(Session session, Notice notice) throws MessagingException {
        var message = new FixedIdMessage(session, "<" + notice.eventId() + "@" + MESSAGE_ID_DOMAIN + ">");
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(notice.to(), true));
        message.setSubject(MailBodies.subject(notice), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());

        var text = new MimeBodyPart();
        text.setText(MailBodies.text(notice), StandardCharsets.UTF_8.name(), "plain");
        var html = new MimeBodyPart();
        html.setText(MailBodies.html(notice), StandardCharsets.UTF_8.name(), "html");
        var alternative = new MimeMultipart("alternative", text, html);
        var body = new MimeBodyPart();
        body.setContent(alternative);

        var method = Invites.method(notice);
        var invite = new MimeBodyPart();
        invite.setDataHandler(new DataHandler(new ByteArrayDataSource(
                Invites.ics(notice, from).getBytes(StandardCharsets.UTF_8),
                "text/calendar; charset=UTF-8; method=" + method)));
        invite.setFileName("invite.ics");
        invite.setDisposition(MimeBodyPart.ATTACHMENT);

        message.setContent(new MimeMultipart("mixed", body, invite));
        message.saveChanges();
        return message;
    }

    /** A message whose Message-ID is given, not made up anew by each {@code saveChanges}. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
