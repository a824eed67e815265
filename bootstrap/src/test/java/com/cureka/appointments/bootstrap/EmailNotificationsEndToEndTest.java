package com.cureka.appointments.bootstrap;

import biweekly.Biweekly;
import biweekly.ICalendar;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The booted app over HTTP, on real PostgreSQL, mailing a real SMTP server (GreenMail). */
class EmailNotificationsEndToEndTest {
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static GreenMail smtp;
    private static RunningApp clinic;
    private static String doctorId;
    private static String admin;

    @BeforeAll
    static void boot() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        clinic = new RunningApp(Map.of(
                "SMTP_URL", "smtp://127.0.0.1:" + smtp.getSmtp().getPort(),
                "MAIL_FROM", "appointments@clinic.example",
                "RATE_LIMIT_BOOKINGS_PER_MINUTE", "1000"));
        admin = clinic.token(UUID.randomUUID(), "ADMIN", "Admin");
        var response = clinic.send("POST", "/api/v1/admin/doctors", admin, """
                {"name":"Dr. Priya Patel","specialty":"Cardiology","time_zone":"Asia/Kolkata"}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        doctorId = new ObjectMapper()
                .readTree(response.body())
                .at("/data/doctor_id")
                .asText();
    }

    @AfterAll
    static void stop() {
        clinic.close();
        smtp.stop();
    }

    @BeforeEach
    void emptyInbox() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void book_reschedule_cancel_each_mail_the_patient_with_one_invite_that_evolves() throws Exception {
        var patient = clinic.token(UUID.randomUUID(), "PATIENT", "Asha Rao", "asha@example.org");

        var booked = book(patient, tomorrowAt(10, 0));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        String id = new ObjectMapper()
                .readTree(booked.body())
                .at("/data/appointment_id")
                .asText();
        var first = received(1)[0];
        assertThat(first.getAllRecipients()[0].toString()).isEqualTo("asha@example.org");
        assertThat(first.getSubject()).contains("is booked", "Dr. Priya Patel");

        var moved = clinic.send(
                "POST", "/api/v1/appointments/" + id + "/reschedule", patient, """
                {"appointment_datetime":"%s"}""".formatted(tomorrowAt(11, 0)));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        var cancelled = clinic.send("POST", "/api/v1/appointments/" + id + "/cancel", patient, "{}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);

        var mails = received(3);
        var invites = new ICalendar[] {ics(mails[0]), ics(mails[1]), ics(mails[2])};
        var uid = invites[0].getEvents().getFirst().getUid().getValue();
        assertThat(invites[1].getEvents().getFirst().getUid().getValue()).isEqualTo(uid);
        assertThat(invites[2].getEvents().getFirst().getUid().getValue()).isEqualTo(uid);
        assertThat(invites[1].getEvents().getFirst().getSequence().getValue())
                .isGreaterThan(invites[0].getEvents().getFirst().getSequence().getValue());
        assertThat(invites[2].getEvents().getFirst().getSequence().getValue())
                .isGreaterThan(invites[1].getEvents().getFirst().getSequence().getValue());
        assertThat(invites[0].getMethod().getValue()).isEqualTo("REQUEST");
        assertThat(invites[2].getMethod().getValue()).isEqualTo("CANCEL");
        assertThat(mails[1].getSubject()).contains("moved");
        assertThat(mails[2].getSubject()).contains("cancelled");
    }

    @Test
    void a_refused_booking_mails_nothing() throws Exception {
        var asha = clinic.token(UUID.randomUUID(), "PATIENT", "Asha Rao", "asha2@example.org");
        var rajesh = clinic.token(UUID.randomUUID(), "PATIENT", "Rajesh Kumar", "rajesh@example.org");
        assertThat(book(asha, tomorrowAt(14, 0)).statusCode()).isEqualTo(201);
        received(1);

        var refused = book(rajesh, tomorrowAt(14, 0));
        assertThat(refused.statusCode()).isEqualTo(409);

        Thread.sleep(2500); // two passes of the dispatcher
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getAllRecipients()[0].toString())
                .isEqualTo("asha2@example.org");
    }

    @Test
    void the_admin_sees_each_message_sent_or_skipped_for_want_of_an_address() throws Exception {
        var withAddress = clinic.token(UUID.randomUUID(), "PATIENT", "Asha Rao", "asha3@example.org");
        var withoutAddress = clinic.token(UUID.randomUUID(), "PATIENT", "Meera Nair", null);
        String mailed = idOf(book(withAddress, tomorrowAt(16, 0)));
        String skipped = idOf(book(withoutAddress, tomorrowAt(16, 30)));

        var sent = notificationsOf(mailed, "sent");
        var notSent = notificationsOf(skipped, "skipped");

        assertThat(sent.at("/kind").asText()).isEqualTo("booked");
        assertThat(sent.at("/channel").asText()).isEqualTo("email");
        assertThat(sent.at("/to").asText()).isEqualTo("asha3@example.org");
        assertThat(sent.at("/attempts").asInt()).isEqualTo(1);
        assertThat(sent.at("/sent_at").isNull()).isFalse();
        assertThat(notSent.at("/to").isNull()).isTrue();
        assertThat(notSent.at("/last_error").asText()).contains("no e-mail address");
        var patient = clinic.send("GET", "/api/v1/admin/notifications", withAddress, null);
        assertThat(patient.statusCode()).isEqualTo(403);
        var badStatus = clinic.send("GET", "/api/v1/admin/notifications?status=lost", admin, null);
        assertThat(badStatus.statusCode()).isEqualTo(400);
    }

    /** The appointment's one notification, once it has the status (the dispatcher polls every second). */
    private static JsonNode notificationsOf(String appointmentId, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode items;
        do {
            var response =
                    clinic.send("GET", "/api/v1/admin/notifications?appointment_id=" + appointmentId, admin, null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            items = new ObjectMapper().readTree(response.body()).at("/data/items");
            if (items.size() == 1 && items.get(0).at("/status").asText().equals(status)) {
                return items.get(0);
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no " + status + " notification of " + appointmentId + ": " + items);
    }

    private static String idOf(HttpResponse<String> booked) throws Exception {
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        return new ObjectMapper()
                .readTree(booked.body())
                .at("/data/appointment_id")
                .asText();
    }

    private static HttpResponse<String> book(String token, String when) {
        return clinic.send("POST", "/api/v1/appointments", token, """
                {"doctor_id":"%s","appointment_datetime":"%s","appointment_type":"consultation"}""".formatted(doctorId, when));
    }

    private static String tomorrowAt(int hour, int minute) {
        return OffsetDateTime.ofInstant(RunningApp.NOW, KOLKATA)
                .plusDays(1)
                .withHour(hour)
                .withMinute(minute)
                .format(WIRE);
    }

    private static MimeMessage[] received(int count) {
        assertThat(smtp.waitForIncomingEmail(10_000, count))
                .as("%d messages arrive", count)
                .isTrue();
        var messages = smtp.getReceivedMessages();
        assertThat(messages).hasSize(count);
        return messages;
    }

    private static ICalendar ics(MimeMessage message) throws Exception {
        var invite = ((Multipart) message.getContent()).getBodyPart(1);
        var out = new ByteArrayOutputStream();
        invite.getDataHandler().writeTo(out);
        return Biweekly.parse(out.toString(StandardCharsets.UTF_8)).first();
    }
}
