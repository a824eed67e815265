package com.cureka.appointments.adapters.mail;

import com.cureka.appointments.application.port.notification.Mailer;
import com.cureka.appointments.application.port.notification.Notice;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * {@link Mailer} over SMTP (Angus Mail). One connection per message: messages are few, and a fresh connection never
 * finds a server-side timeout. Every wait is bounded by the connect and read timeouts, so a hanging server delays
 * the outbox's pass, never a booking (bookings only write the outbox row).
 */
final class SmtpMailer implements Mailer {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);
    private final Session session;
    private final String protocol;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final MailMessages messages;

    SmtpMailer(MailSettings settings, MailMessages messages) {
        this(settings, messages, new Properties());
    }

    /** @param extra further session properties (tests: trusting a test server's certificate) */
    SmtpMailer(MailSettings settings, MailMessages messages, Properties extra) {
        var url = settings.smtpUrl();
        this.protocol = url.getScheme();
        this.host = url.getHost();
        this.port = url.getPort() > 0 ? url.getPort() : ("smtps".equals(protocol) ? 465 : 587);
        var userInfo = url.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            this.user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            this.password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        } else {
            this.user = null;
            this.password = null;
        }
        this.messages = messages;
        var p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.put("mail.transport.protocol", protocol);
        p.put(prefix + "auth", Boolean.toString(user != null));
        // STARTTLS when the server offers it; smtps is TLS from the start. Certificates are checked either way.
        p.put(prefix + "starttls.enable", "true");
        p.put(prefix + "ssl.checkserveridentity", "true");
        p.put(
                prefix + "connectiontimeout",
                Long.toString(settings.connectTimeout().toMillis()));
        p.put(prefix + "timeout", Long.toString(settings.readTimeout().toMillis()));
        p.put(prefix + "writetimeout", Long.toString(settings.readTimeout().toMillis()));
        p.putAll(extra);
        this.session = Session.getInstance(p);
    }

    @Override
    public void send(Notice notice) {
        Transport transport = null;
        try {
            var message = messages.build(session, notice);
            transport = session.getTransport(protocol);
            transport.connect(host, port, user, password);
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            closeQuietly(transport);
            throw new MailNotSent("the mail server did not accept the message: " + e.getMessage(), e);
        }
        // The server answered 250 to the message: it is sent. A QUIT that fails or is never answered must not make
        // the outbox send it again (API.md: at most once after the server accepted it).
        closeQuietly(transport);
    }

    private static void closeQuietly(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException e) {
            LOG.debug("The mail server did not say goodbye: {}", e.getMessage());
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
