package com.cureka.appointments.adapters.mail;

import biweekly.Biweekly;
import biweekly.ICalendar;
import com.cureka.appointments.application.port.notification.Notice;
import com.cureka.appointments.application.port.notification.Notice.Kind;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The messages as a real SMTP server (GreenMail) receives them, parsed back with Angus Mail and biweekly. */
class SmtpMailerTest {
    private static final String FROM = "appointments@clinic.example";

    private GreenMail server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    private GreenMail start(String protocol) {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", protocol).dynamicPort());
        server.setUser("clinic", "s3cret");
        server.start();
        return server;
    }

    private SmtpMailer mailer(String url) {
        var trustTestCertificate = new Properties();
        trustTestCertificate.put("mail.smtps.ssl.trust", "*");
        trustTestCertificate.put("mail.smtp.ssl.trust", "*");
        // GreenMail's self-signed certificate names no host; production keeps the identity check on.
        trustTestCertificate.put("mail.smtps.ssl.checkserveridentity", "false");
        return new SmtpMailer(
                new MailSettings(
                        URI.create(url), FROM, Path.of("unused"), Duration.ofSeconds(2), Duration.ofSeconds(2)),
                new MailMessages(FROM),
                trustTestCertificate);
    }

    private SmtpMailer plainMailer() {
        return mailer("smtp://clinic:s3cret@127.0.0.1:" + server.getSmtp().getPort());
    }

    @Test
    void a_booking_message_has_its_headers_a_text_and_an_html_part_and_an_invite() throws Exception {
        start(ServerSetup.PROTOCOL_SMTP);
        var notice = Notices.of(Kind.BOOKED, 0);

        plainMailer().send(notice);

        var message = only();
        assertThat(message.getFrom()[0].toString()).isEqualTo(FROM);
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("asha@example.org");
        assertThat(message.getSubject())
                .isEqualTo("Your appointment with Dr. Priya Patel on Monday 24 November 2025, 15:30 Asia/Kolkata"
                        + " (UTC+05:30) is booked");
        assertThat(message.getMessageID()).isEqualTo("<" + notice.eventId() + "@appointments.cureka>");
        var mixed = (Multipart) message.getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        var alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        String text = (String) alternative.getBodyPart(0).getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(text)
                .contains("Dr. Priya Patel", "Monday 24 November 2025, 15:30 Asia/Kolkata", "10:00 UTC")
                .contains("https://meet.example.org/aid-7", "http://localhost:7070/manage/token-0");
        assertThat(html).contains("href=\"http://localhost:7070/manage/token-0\"");
        var invite = mixed.getBodyPart(1);
        assertThat(invite.getFileName()).isEqualTo("invite.ics");
        assertThat(invite.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(invite.getContentType()).startsWith("text/calendar").contains("method=REQUEST");
        var ics = ics(invite);
        assertThat(ics.getMethod().getValue()).isEqualTo("REQUEST");
        var event = ics.getEvents().getFirst();
        assertThat(event.getUid().getValue()).isEqualTo("AID-20251120-0007@appointments.cureka");
        assertThat(event.getSequence().getValue()).isZero();
        assertThat(event.getDateStart().getValue()).isEqualTo(Date.from(Notices.START));
        assertThat(event.getDateEnd().getValue()).isEqualTo(Date.from(Notices.START.plusSeconds(1800)));
        assertThat(event.getSummary().getValue()).isEqualTo("Appointment with Dr. Priya Patel");
        assertThat(event.getLocation().getValue()).isEqualTo("https://meet.example.org/aid-7");
        assertThat(event.getOrganizer().getEmail()).isEqualTo(FROM);
        assertThat(event.getAttendees().getFirst().getEmail()).isEqualTo("asha@example.org");
        assertThat(raw(invite)).contains("DTSTART:20251124T100000Z", "DTEND:20251124T103000Z");
    }

    @Test
    void a_reschedule_keeps_the_uid_and_raises_the_sequence_and_a_cancellation_cancels() throws Exception {
        start(ServerSetup.PROTOCOL_SMTP);
        var mailer = plainMailer();

        mailer.send(Notices.of(Kind.BOOKED, 0));
        mailer.send(Notices.of(Kind.RESCHEDULED, 1));
        mailer.send(Notices.of(Kind.CANCELLED, 2));

        assertThat(server.waitForIncomingEmail(5000, 3)).isTrue();
        var received = server.getReceivedMessages();
        var booked = ics(invite(received[0])).getEvents().getFirst();
        var moved = ics(invite(received[1])).getEvents().getFirst();
        var cancelled = ics(invite(received[2]));
        assertThat(moved.getUid().getValue()).isEqualTo(booked.getUid().getValue());
        assertThat(moved.getSequence().getValue())
                .isGreaterThan(booked.getSequence().getValue());
        assertThat(cancelled.getMethod().getValue()).isEqualTo("CANCEL");
        assertThat(cancelled.getEvents().getFirst().getUid().getValue())
                .isEqualTo(booked.getUid().getValue());
        assertThat(cancelled.getEvents().getFirst().getSequence().getValue()).isEqualTo(2);
        assertThat(invite(received[2]).getContentType()).contains("method=CANCEL");
    }

    @Test
    void every_value_is_escaped_in_the_html_part() throws Exception {
        start(ServerSetup.PROTOCOL_SMTP);
        var hostile = Notices.of(Kind.BOOKED, 0);
        hostile = new Notice(
                hostile.eventId(),
                hostile.kind(),
                hostile.number(),
                hostile.to(),
                "<script>alert(1)</script>",
                "Dr. \"Bobby\" <b>Tables</b>",
                hostile.doctorZone(),
                hostile.slot(),
                0,
                hostile.videoUrl(),
                "http://x/manage/a\"onmouseover=\"alert(1)");

        plainMailer().send(hostile);

        var alternative =
                (Multipart) ((Multipart) only().getContent()).getBodyPart(0).getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        assertThat(html)
                .doesNotContain("<script>", "<b>Tables", "\"onmouseover")
                .contains("&lt;script&gt;", "&quot;Bobby&quot; &lt;b&gt;Tables&lt;/b&gt;");
    }

    @Test
    void smtps_sends_over_tls_from_the_first_byte() throws Exception {
        start(ServerSetup.PROTOCOL_SMTPS);

        mailer("smtps://clinic:s3cret@127.0.0.1:" + server.getSmtps().getPort()).send(Notices.of(Kind.REMINDER, 0));

        assertThat(only().getSubject()).startsWith("Reminder: your appointment with Dr. Priya Patel");
    }

    @Test
    void a_server_that_is_down_fails_the_send_within_the_timeouts_so_that_it_is_retried() {
        start(ServerSetup.PROTOCOL_SMTP);
        var mailer = plainMailer();
        server.stop();

        long began = System.nanoTime();
        assertThatThrownBy(() -> mailer.send(Notices.of(Kind.BOOKED, 0))).isInstanceOf(MailNotSent.class);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
        server = null;
    }

    @Test
    void a_server_that_refuses_the_login_fails_the_send() {
        start(ServerSetup.PROTOCOL_SMTP);
        server.getManagers().getUserManager().setAuthRequired(true);

        var wrongPassword =
                mailer("smtp://clinic:wrong@127.0.0.1:" + server.getSmtp().getPort());

        assertThatThrownBy(() -> wrongPassword.send(Notices.of(Kind.BOOKED, 0))).isInstanceOf(MailNotSent.class);
        assertThat(server.getReceivedMessages()).isEmpty();
    }

    private MimeMessage only() {
        assertThat(server.waitForIncomingEmail(5000, 1)).isTrue();
        var received = server.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    static Part invite(MimeMessage message) throws Exception {
        return ((Multipart) message.getContent()).getBodyPart(1);
    }

    static String raw(Part part) throws Exception {
        var out = new ByteArrayOutputStream();
        part.getDataHandler().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static ICalendar ics(Part part) throws Exception {
        return Biweekly.parse(raw(part)).first();
    }
}
