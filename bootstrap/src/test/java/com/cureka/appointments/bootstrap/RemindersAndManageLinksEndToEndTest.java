package com.cureka.appointments.bootstrap;

import com.cureka.appointments.testkit.time.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Reminders and manage links over HTTP, on real PostgreSQL and a real SMTP server, with a clock the test moves. */
class RemindersAndManageLinksEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final Pattern LINK = Pattern.compile("http://localhost:\\d+/manage/([A-Za-z0-9_.-]+)");
    private static GreenMail smtp;
    private static MutableClock clock;
    private static RunningApp clinic;
    private static String admin;
    private static String doctorId;

    @BeforeAll
    static void boot() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        clock = new MutableClock(RunningApp.NOW);
        clinic = new RunningApp(
                Map.of(
                        "SMTP_URL", "smtp://127.0.0.1:" + smtp.getSmtp().getPort(),
                        "RATE_LIMIT_BOOKINGS_PER_MINUTE", "1000",
                        "REMINDER_OFFSETS", "24h,2h"),
                clock);
        admin = clinic.token(UUID.randomUUID(), "ADMIN", "Admin");
        var response = clinic.send("POST", "/api/v1/admin/doctors", admin, """
                {"name":"Dr. Priya Patel","specialty":"Cardiology","time_zone":"Asia/Kolkata"}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        doctorId = JSON.readTree(response.body()).at("/data/doctor_id").asText();
    }

    @AfterAll
    static void stop() {
        clinic.close();
        smtp.stop();
    }

    @Test
    void the_reminders_job_run_twice_sends_one_reminder() throws Exception {
        var patient = clinic.token(UUID.randomUUID(), "PATIENT", "Asha Rao", "asha-reminder@example.org");
        var start = OffsetDateTime.ofInstant(clock.instant(), KOLKATA)
                .plusDays(3)
                .withHour(16)
                .withMinute(0);
        assertThat(book(patient, start.format(WIRE)).statusCode()).isEqualTo(201);
        mailsTo("asha-reminder@example.org", 1);
        clock.advance(Duration.between(clock.instant(), start.toInstant().minus(Duration.ofHours(23))));

        var first = runReminders();
        var second = runReminders();

        // Other specs' appointments may fall in the window too: this one's reminder is counted once, by the first run.
        assertThat(first.at("/data/counts/queued").asLong()).isPositive();
        assertThat(second.at("/data/counts/queued").asLong()).isZero();
        var mails = mailsTo("asha-reminder@example.org", 2);
        assertThat(mails[1].getSubject()).startsWith("Reminder: your appointment");
        Thread.sleep(1500); // more passes of the dispatcher: nothing else comes
        assertThat(mailsTo("asha-reminder@example.org", 2)).hasSize(2);
    }

    @Test
    void a_manage_link_shows_and_moves_the_appointment_and_is_dead_afterwards() throws Exception {
        var patient = clinic.token(UUID.randomUUID(), "PATIENT", "Rajesh Kumar", "rajesh-manage@example.org");
        var day = OffsetDateTime.ofInstant(clock.instant(), KOLKATA).plusDays(5);
        var booked = book(patient, day.withHour(11).withMinute(0).format(WIRE));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        String id = JSON.readTree(booked.body()).at("/data/appointment_id").asText();
        String token = linkIn(mailsTo("rajesh-manage@example.org", 1)[0]);

        var shown = clinic.send("GET", "/api/v1/manage/" + token, null, null);
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        assertThat(JSON.readTree(shown.body()).at("/data/appointment_id").asText())
                .isEqualTo(id);
        assertThat(JSON.readTree(shown.body()).has("history")).isFalse();

        var moved = clinic.send("POST", "/api/v1/manage/" + token + "/reschedule", null, """
                {"appointment_datetime":"%s"}""".formatted(
                        day.withHour(12).withMinute(0).format(WIRE)));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);

        var stale = clinic.send("POST", "/api/v1/manage/" + token + "/cancel", null, "{}");
        assertThat(stale.statusCode()).isEqualTo(410);
        assertThat(JSON.readTree(stale.body()).at("/code").asText()).isEqualTo("LINK_EXPIRED");
        var fresh = linkIn(mailsTo("rajesh-manage@example.org", 2)[1]);
        var cancelled = clinic.send("POST", "/api/v1/manage/" + fresh + "/cancel", null, "{}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(JSON.readTree(cancelled.body()).at("/data/status").asText()).isEqualTo("cancelled");
    }

    @Test
    void a_tampered_or_forged_link_is_invalid_and_says_nothing_more() throws Exception {
        var patient = clinic.token(UUID.randomUUID(), "PATIENT", "Meera Nair", "meera-manage@example.org");
        var day = OffsetDateTime.ofInstant(clock.instant(), KOLKATA).plusDays(6);
        assertThat(book(patient, day.withHour(11).withMinute(0).format(WIRE)).statusCode())
                .isEqualTo(201);
        String token = linkIn(mailsTo("meera-manage@example.org", 1)[0]);
        String body = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.'));
        String claim = new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8);
        String otherNumber = claim.replaceFirst("-(\\d+)\\.", "-9999.");
        String swapped =
                Base64.getUrlEncoder().withoutPadding().encodeToString(otherNumber.getBytes(StandardCharsets.UTF_8))
                        + signature;

        for (String bad : new String[] {swapped, token + "x", "garbage", body}) {
            var response = clinic.send("GET", "/api/v1/manage/" + bad, null, null);
            assertThat(response.statusCode()).as(bad).isEqualTo(404);
            assertThat(JSON.readTree(response.body()).at("/code").asText()).isEqualTo("LINK_INVALID");
        }
        var withBearerOfAnother = clinic.send("GET", "/api/v1/manage/" + swapped, admin, null);
        assertThat(withBearerOfAnother.statusCode()).isEqualTo(404);
    }

    @Test
    void a_link_expires_when_the_appointment_starts() throws Exception {
        var patient = clinic.token(UUID.randomUUID(), "PATIENT", "Kiran Rao", "kiran-manage@example.org");
        var start = OffsetDateTime.ofInstant(clock.instant(), KOLKATA)
                .plusDays(7)
                .withHour(15)
                .withMinute(0);
        assertThat(book(patient, start.format(WIRE)).statusCode()).isEqualTo(201);
        String token = linkIn(mailsTo("kiran-manage@example.org", 1)[0]);
        assertThat(clinic.send("GET", "/api/v1/manage/" + token, null, null).statusCode())
                .isEqualTo(200);

        clock.advance(Duration.between(clock.instant(), start.toInstant()));

        var response = clinic.send("GET", "/api/v1/manage/" + token, null, null);
        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(JSON.readTree(response.body()).at("/code").asText()).isEqualTo("LINK_EXPIRED");
    }

    private static JsonNode runReminders() throws Exception {
        // A token of the clock's present: the specs move it past the lifetime of older ones.
        var response = clinic.send(
                "POST", "/api/v1/admin/jobs/reminders/run", clinic.token(UUID.randomUUID(), "ADMIN", "Admin"), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> book(String token, String when) {
        return clinic.send("POST", "/api/v1/appointments", token, """
                {"doctor_id":"%s","appointment_datetime":"%s","appointment_type":"consultation"}""".formatted(doctorId, when));
    }

    /** Waits (up to 10 s) until exactly {@code count} messages reached the address; answers them in order. */
    private static MimeMessage[] mailsTo(String address, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        MimeMessage[] mine;
        do {
            var all = new ArrayList<MimeMessage>();
            for (var m : smtp.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(address)) {
                    all.add(m);
                }
            }
            mine = all.toArray(MimeMessage[]::new);
            if (mine.length >= count) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        assertThat(mine).as("messages to %s", address).hasSize(count);
        return mine;
    }

    private static String linkIn(MimeMessage message) throws Exception {
        var alternative =
                (Multipart) ((Multipart) message.getContent()).getBodyPart(0).getContent();
        var matcher = LINK.matcher((String) alternative.getBodyPart(0).getContent());
        assertThat(matcher.find()).as("a manage link in the text part").isTrue();
        return matcher.group(1);
    }
}
