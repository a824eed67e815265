package com.cureka.appointments.bootstrap;

import com.cureka.appointments.testkit.time.MutableClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox across restarts and instances: nothing lost, nothing sent twice. Real PostgreSQL, real SMTP. */
class OutboxAcrossInstancesEndToEndTest {
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    @Test
    void a_message_the_app_could_not_send_before_it_stopped_goes_out_once_after_the_restart() throws Exception {
        var probe = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        probe.start();
        int port = probe.getSmtp().getPort();
        probe.stop(); // the mail server is down while the booking is made
        var clock = new MutableClock(RunningApp.NOW);
        var settings = Map.of("SMTP_URL", "smtp://127.0.0.1:" + port, "SMTP_TIMEOUT_SECONDS", "1");
        var first = new RunningApp(settings, clock);
        GreenMail smtp = null;
        RunningApp second = null;
        try {
            String doctor = doctor(first);
            var booked = book(first, doctor, "asha-restart@example.org", 10 * 60);
            assertThat(booked).isEqualTo(201);
            Thread.sleep(2500); // the dispatcher tries, the server is down: the booking stands, the message waits
            first.app.stop();

            smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            clock.advance(Duration.ofMinutes(3)); // past the retry delay and any claim's lease
            second = RunningApp.sharing(first.database, settings, clock);

            assertThat(smtp.waitForIncomingEmail(15_000, 1)).isTrue();
            Thread.sleep(2500);
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(smtp.getReceivedMessages()[0].getAllRecipients()[0].toString())
                    .isEqualTo("asha-restart@example.org");
        } finally {
            if (second != null) {
                second.close();
            }
            first.close();
            if (smtp != null) {
                smtp.stop();
            }
        }
    }

    @Test
    void two_instances_on_one_database_send_each_message_once() throws Exception {
        var smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        var clock = new MutableClock(RunningApp.NOW);
        var settings = Map.of(
                "SMTP_URL", "smtp://127.0.0.1:" + smtp.getSmtp().getPort(), "RATE_LIMIT_BOOKINGS_PER_MINUTE", "1000");
        var first = new RunningApp(settings, clock);
        var second = RunningApp.sharing(first.database, settings, clock);
        try {
            String doctor = doctor(first);
            int bookings = 12;
            for (int i = 0; i < bookings; i++) {
                var instance = i % 2 == 0 ? first : second;
                assertThat(book(instance, doctor, "patient" + i + "@example.org", 9 * 60 + 30 * i))
                        .isEqualTo(201);
            }
            // Both dispatchers poll the same outbox: every message arrives, none twice.
            assertThat(smtp.waitForIncomingEmail(15_000, bookings)).isTrue();
            Thread.sleep(2500);
            MimeMessage[] received = smtp.getReceivedMessages();
            var ids = new HashSet<String>();
            for (var m : received) {
                ids.add(m.getMessageID());
            }
            var recipients = Arrays.stream(received)
                    .map(m -> {
                        try {
                            return m.getAllRecipients()[0].toString();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
            assertThat(received).as("every booking's message").hasSize(bookings);
            assertThat(ids).as("no message twice").hasSize(received.length);
            assertThat(new HashSet<>(recipients)).as("one message per patient").hasSize(recipients.size());
        } finally {
            second.close();
            first.close();
            smtp.stop();
        }
    }

    private static String doctor(RunningApp app) throws Exception {
        var admin = app.token(UUID.randomUUID(), "ADMIN", "Admin");
        var response = app.send("POST", "/api/v1/admin/doctors", admin, """
                {"name":"Dr. Priya Patel","specialty":"Cardiology","time_zone":"Asia/Kolkata"}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new ObjectMapper()
                .readTree(response.body())
                .at("/data/doctor_id")
                .asText();
    }

    /** Books tomorrow, {@code minutes} after midnight in Kolkata, for a new patient with that address; answers the status. */
    private static int book(RunningApp app, String doctor, String email, int minutes) {
        var patient = app.token(UUID.randomUUID(), "PATIENT", "Patient", email);
        var when = OffsetDateTime.ofInstant(app.clock.instant(), KOLKATA)
                .plusDays(1)
                .withHour(minutes / 60)
                .withMinute(minutes % 60)
                .format(WIRE);
        return app.send("POST", "/api/v1/appointments", patient, """
                        {"doctor_id":"%s","appointment_datetime":"%s","appointment_type":"consultation"}""".formatted(doctor, when))
                .statusCode();
    }
}
