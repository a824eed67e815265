package com.cureka.appointments.bootstrap;

import biweekly.Biweekly;
import biweekly.ICalendar;
import com.cureka.appointments.adapters.http.testsupport.Chromium;
import com.cureka.appointments.adapters.http.testsupport.ChromiumTab;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manage page end to end: the booted app (real PostgreSQL, fixed clock) mails a real SMTP server (GreenMail), the
 * patient clicks the link of the real e-mail in Chromium, and the page works against the real manage-link API
 * (API.md "Manage links", docs/pages.md). The patient's browser is in Berlin, the doctor in Kolkata: the page speaks
 * in the doctor's time and adds the patient's own. Skipped, like adapters-http's page tests, without Chromium.
 */
class ManagePageEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final String PATIENT_ZONE = "Europe/Berlin";
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final Pattern TEXT_LINK = Pattern.compile("To cancel or reschedule: (\\S+)");
    private static final Pattern HTML_LINK = Pattern.compile("<a href=\"([^\"]+)\">Cancel or reschedule</a>");
    private static GreenMail smtp;
    private static RunningApp clinic;
    private static String doctorId;

    @BeforeAll
    static void boot() throws Exception {
        if (!Chromium.installed()) {
            return; // nothing to boot: each test is skipped, saying how to enable it
        }
        var launched = CompletableFuture.runAsync(Chromium::browser); // while the app boots; used once it has
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        clinic = new RunningApp(Map.of(
                "SMTP_URL", "smtp://127.0.0.1:" + smtp.getSmtp().getPort(),
                "MAIL_FROM", "appointments@clinic.example",
                "RATE_LIMIT_BOOKINGS_PER_MINUTE", "1000"));
        var admin = clinic.token(UUID.randomUUID(), "ADMIN", "Admin");
        var response = clinic.send("POST", "/api/v1/admin/doctors", admin, """
                {"name":"Dr. Priya Patel","specialty":"Cardiology","time_zone":"Asia/Kolkata"}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        doctorId = JSON.readTree(response.body()).at("/data/doctor_id").asText();
        launched.join();
    }

    @BeforeEach
    void needsChromium() {
        Chromium.assumeInstalled();
    }

    @AfterAll
    static void stop() {
        if (clinic != null) {
            clinic.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void the_emails_link_opens_the_appointment_the_page_moves_it_and_the_next_emails_link_cancels_it()
            throws Exception {
        var patient = clinic.token(UUID.randomUUID(), "PATIENT", "Asha Rao", "asha-page@example.org");
        var booked = book(patient, at(2, 11, 0)); // Wednesday 9 January 2030, 11:00 in Kolkata
        assertThat(booked.at("/status").asInt()).isEqualTo(201);
        String id = booked.at("/body/data/appointment_id").asText();
        String number = booked.at("/body/data/appointment_number").asText();

        var confirmation = mailsTo("asha-page@example.org", 1)[0];
        assertThat(confirmation.getSubject()).contains("is booked", "Dr. Priya Patel");
        assertThat(invite(confirmation, "REQUEST")
                        .getEvents()
                        .getFirst()
                        .getUid()
                        .getValue())
                .startsWith(number);
        String link = manageLink(confirmation);

        try (var tab = new ChromiumTab(URI.create(clinic.baseUrl()), RunningApp.NOW, 1280, PATIENT_ZONE)) {
            click(tab, confirmation, link);
            PlaywrightAssertions.assertThat(tab.page.locator(".appointment-number"))
                    .hasText(number);
            PlaywrightAssertions.assertThat(tab.page.locator("#appointment"))
                    .containsText("Dr. Priya Patel, Cardiology");
            PlaywrightAssertions.assertThat(tab.page.locator(".appointment-when"))
                    .hasText("Wed, 9 Jan 2030, 11:00 (your time 06:30)");
            PlaywrightAssertions.assertThat(tab.page.locator(".appointment-status"))
                    .hasText("Scheduled");
            PlaywrightAssertions.assertThat(tab.page.locator("#new-day")).hasValue("2030-01-09");
            PlaywrightAssertions.assertThat(tab.page.locator("#new-time")).hasValue("11:00");

            // The form comes filled with the current time: moving there changes nothing, and the link still works.
            tab.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Move the appointment"))
                    .click();
            PlaywrightAssertions.assertThat(tab.page.locator("#done"))
                    .containsText("already on Wed, 9 Jan 2030, 11:00");
            PlaywrightAssertions.assertThat(tab.page.locator("#done")).containsText("nothing was changed");
            PlaywrightAssertions.assertThat(tab.page.locator("#change")).isVisible();

            // A free time of the same day, typed in the doctor's time as the form says.
            tab.page.locator("#new-time").fill("12:30");
            tab.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Move the appointment"))
                    .click();
            PlaywrightAssertions.assertThat(tab.page.locator("#done"))
                    .containsText("Moved: " + number + " is now on Wed, 9 Jan 2030, 12:30");
            PlaywrightAssertions.assertThat(tab.page.locator("#change")).isHidden();

            var moved = appointment(id, patient);
            assertThat(moved.at("/appointment_number").asText()).isEqualTo(number);
            assertThat(moved.at("/appointment_details/datetime").asText()).isEqualTo(at(2, 12, 30));
            assertThat(moved.at("/status").asText()).isEqualTo("scheduled");

            var movedMail = mailsTo("asha-page@example.org", 2)[1];
            assertThat(movedMail.getSubject())
                    .as("one mail for the move, none for the no-op")
                    .contains("moved", "12:30");
            String newLink = manageLink(movedMail);
            assertThat(newLink).isNotEqualTo(link);

            click(tab, movedMail, newLink);
            PlaywrightAssertions.assertThat(tab.page.locator(".appointment-when"))
                    .hasText("Wed, 9 Jan 2030, 12:30 (your time 08:00)");
            tab.page.locator("#reason").fill("I am travelling that week");
            tab.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel the appointment"))
                    .click();
            PlaywrightAssertions.assertThat(tab.page.locator("#done")).containsText(number + " is cancelled.");
            PlaywrightAssertions.assertThat(tab.page.locator(".appointment-status"))
                    .hasText("Cancelled");

            var cancelled = appointment(id, patient);
            assertThat(cancelled.at("/status").asText()).isEqualTo("cancelled");
            assertThat(cancelled.at("/appointment_number").asText()).isEqualTo(number);
            var history = cancelled.at("/history");
            assertThat(history.get(history.size() - 1).at("/reason").asText()).isEqualTo("I am travelling that week");

            var cancellation = mailsTo("asha-page@example.org", 3)[2];
            assertThat(cancellation.getSubject()).contains("cancelled");
            invite(cancellation, "CANCEL");
            assertThat(text(cancellation))
                    .as("a cancellation carries no manage link")
                    .doesNotContain("/manage/");

            // Both links are stale now: the page says so in words.
            for (String stale : new String[] {newLink, link}) {
                tab.page.navigate(stale);
                assertProblem(tab, "This link has expired", "newest e-mail");
            }
            tab.assertClean(410);
        }
    }

    @Test
    void a_taken_time_brings_the_free_times_the_api_offers_and_one_click_moves_there() throws Exception {
        var patient = clinic.token(UUID.randomUUID(), "PATIENT", "Rajesh Kumar", "rajesh-page@example.org");
        var other = clinic.token(UUID.randomUUID(), "PATIENT", "Meera Nair", "meera-page@example.org");
        var booked = book(patient, at(3, 10, 0));
        assertThat(booked.at("/status").asInt()).isEqualTo(201);
        assertThat(book(other, at(3, 15, 0)).at("/status").asInt()).isEqualTo(201);
        String id = booked.at("/body/data/appointment_id").asText();
        var confirmation = mailsTo("rajesh-page@example.org", 1)[0];
        String link = manageLink(confirmation);

        try (var tab = new ChromiumTab(URI.create(clinic.baseUrl()), RunningApp.NOW, 375, PATIENT_ZONE)) {
            click(tab, confirmation, link);
            tab.page.locator(".appointment-number").waitFor();
            assertThat(tab.overflowing()).as("at a phone's width").isEmpty();
            tab.page.locator("#new-time").fill("15:00");
            tab.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Move the appointment"))
                    .click();

            PlaywrightAssertions.assertThat(tab.page.locator("#error")).containsText("no longer free");
            var offered = tab.page.locator("#error button");
            offered.first().waitFor();
            String label = offered.first().textContent();
            offered.first().click();

            PlaywrightAssertions.assertThat(tab.page.locator("#done")).containsText("Moved: ");
            String now =
                    appointment(id, patient).at("/appointment_details/datetime").asText();
            assertThat(now).startsWith("2030-01-10T").isNotEqualTo(at(3, 15, 0)).isNotEqualTo(at(3, 10, 0));
            assertThat(label).contains(now.substring(11, 16));
            tab.assertClean(409);
        }
    }

    @Test
    void a_tampered_or_cut_off_link_is_a_readable_this_link_does_not_work_page_and_changes_nothing() throws Exception {
        var patient = clinic.token(UUID.randomUUID(), "PATIENT", "Kiran Rao", "kiran-page@example.org");
        var booked = book(patient, at(4, 16, 0));
        assertThat(booked.at("/status").asInt()).isEqualTo(201);
        String id = booked.at("/body/data/appointment_id").asText();
        String link = manageLink(mailsTo("kiran-page@example.org", 1)[0]);
        String token = link.substring(link.lastIndexOf('/') + 1);
        char last = token.charAt(token.length() - 1);
        String[] tampered = {
            link.substring(0, link.length() - 1) + (last == 'A' ? 'B' : 'A'), // one character of the signature
            link.substring(0, link.indexOf('.', link.indexOf("/manage/"))), // cut off before the signature
            link + ">", // as a mail client may keep the bracket after it
            clinic.baseUrl() + "/manage/" + token.substring(token.indexOf('.') + 1), // the signature alone
            clinic.baseUrl() + "/manage/", // cut off before the token
            link + "/more", // run into the next word
            link + "%C3%28", // an escape that is no UTF-8
        };

        try (var tab = new ChromiumTab(URI.create(clinic.baseUrl()), RunningApp.NOW, 1280, PATIENT_ZONE)) {
            for (String bad : tampered) {
                tab.page.navigate(bad);
                assertProblem(tab, "This link does not work", "copied whole");
            }
            tab.page.navigate(link);
            PlaywrightAssertions.assertThat(tab.page.locator(".appointment-status"))
                    .hasText("Scheduled");
            tab.assertClean(404);
        }
        assertThat(appointment(id, patient).at("/status").asText()).isEqualTo("scheduled");
    }

    /** The documented error state: a titled, readable page, neither blank nor a stack trace, and no appointment. */
    private static void assertProblem(ChromiumTab tab, String title, String advice) {
        PlaywrightAssertions.assertThat(tab.page.locator("#problem-title")).hasText(title);
        PlaywrightAssertions.assertThat(tab.page).hasTitle(title);
        PlaywrightAssertions.assertThat(tab.page.locator("#problem-text")).containsText(advice);
        PlaywrightAssertions.assertThat(tab.page.locator("#app")).isHidden();
        PlaywrightAssertions.assertThat(tab.page.locator("#loading")).isHidden();
        assertThat(tab.page.locator("body").innerText()).doesNotContain("Exception", "\"success\"");
    }

    /**
     * Shows the message's HTML part as a mail client would and clicks its "Cancel or reschedule" link, which must
     * lead to {@code link} (the one of the text part).
     */
    private static void click(ChromiumTab tab, MimeMessage message, String link) throws Exception {
        tab.page.setContent(part(message, "text/html"));
        tab.page.getByText("Cancel or reschedule").click();
        tab.page.waitForURL(link);
    }

    /** The manage link of a message: the same in the text and the HTML part, on the app's own address. */
    private static String manageLink(MimeMessage message) throws Exception {
        var inText = TEXT_LINK.matcher(text(message));
        assertThat(inText.find()).as("a manage link in the text part").isTrue();
        var inHtml = HTML_LINK.matcher(part(message, "text/html"));
        assertThat(inHtml.find()).as("a manage link in the HTML part").isTrue();
        String link = inText.group(1);
        assertThat(inHtml.group(1))
                .as("the HTML part links where the text part does")
                .isEqualTo(link);
        assertThat(link).matches(Pattern.quote(clinic.baseUrl() + "/manage/") + "[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        return link;
    }

    private static String text(MimeMessage message) throws Exception {
        return part(message, "text/plain");
    }

    /** The text or HTML part of the message's {@code multipart/alternative}. */
    private static String part(MimeMessage message, String type) throws Exception {
        var alternative = (Multipart) body(message, 0).getContent();
        for (int i = 0; i < alternative.getCount(); i++) {
            if (alternative.getBodyPart(i).isMimeType(type)) {
                return (String) alternative.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no " + type + " part in " + message.getSubject());
    }

    /** The attached {@code invite.ics}, a {@code text/calendar} of the given METHOD. */
    private static ICalendar invite(MimeMessage message, String method) throws Exception {
        BodyPart invite = body(message, 1);
        assertThat(invite.getFileName()).isEqualTo("invite.ics");
        assertThat(invite.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(invite.isMimeType("text/calendar"))
                .as(invite.getContentType())
                .isTrue();
        var out = new ByteArrayOutputStream();
        invite.getDataHandler().writeTo(out);
        var calendar = Biweekly.parse(out.toString(StandardCharsets.UTF_8)).first();
        assertThat(calendar.getMethod().getValue()).isEqualTo(method);
        assertThat(calendar.getEvents()).hasSize(1);
        return calendar;
    }

    private static BodyPart body(MimeMessage message, int index) throws Exception {
        var mixed = (Multipart) message.getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        return mixed.getBodyPart(index);
    }

    /** Waits (up to 10 s) until {@code count} messages reached the address; answers them in order. */
    private static MimeMessage[] mailsTo(String address, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        var mine = new ArrayList<MimeMessage>();
        do {
            mine.clear();
            for (var m : smtp.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(address)) {
                    mine.add(m);
                }
            }
            if (mine.size() >= count) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        assertThat(mine).as("messages to %s", address).hasSize(count);
        return mine.toArray(MimeMessage[]::new);
    }

    /** The appointment as its patient sees it over the API. */
    private static JsonNode appointment(String id, String patient) throws Exception {
        var response = clinic.send("GET", "/api/v1/appointments/" + id, patient, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).at("/data");
    }

    /** {@code {"status": …, "body": …}} of a booking with the doctor. */
    private static JsonNode book(String token, String when) throws Exception {
        var response = clinic.send("POST", "/api/v1/appointments", token, """
                {"doctor_id":"%s","appointment_datetime":"%s","appointment_type":"consultation"}""".formatted(doctorId, when));
        var answer = JSON.createObjectNode().put("status", response.statusCode());
        answer.set("body", JSON.readTree(response.body()));
        return answer;
    }

    /** {@code days} after the fixed "now" (Monday 7 January 2030) at a time in Kolkata, as the API writes it. */
    private static String at(int days, int hour, int minute) {
        return OffsetDateTime.ofInstant(RunningApp.NOW, KOLKATA)
                .plusDays(days)
                .withHour(hour)
                .withMinute(minute)
                .format(WIRE);
    }
}
