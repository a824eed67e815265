package com.cureka.appointments.adapters.http;

import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static com.cureka.appointments.adapters.http.TestClinic.NOW;
import static com.cureka.appointments.adapters.http.TestClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Not a test: writes the screenshots of docs/screenshots when asked, with
 * {@code -Dpages.screenshots=../docs/screenshots -Dtest=PageScreenshots}; skipped otherwise.
 */
class PageScreenshots {
    private static final String DIR = System.getProperty("pages.screenshots");

    @Test
    void write_the_screenshots() {
        assumeTrue(DIR != null, "screenshots are written only with -Dpages.screenshots=<dir>");
        try (var clinic = TestClinic.open()) {
            var token = clinic.tokens.patient(UUID.randomUUID());
            String number = clinic.bookAt(token, "2025-09-23T11:00:00+05:30")
                    .at("/data/appointment_number")
                    .asText();
            seedPastVisit(clinic);
            for (int width : new int[] {1280, 375}) {
                String size = width == 375 ? "phone" : "desktop";
                try (var tab = new BrowserTab(clinic, width, "Europe/Berlin")) {
                    tab.page.navigate("/#token=" + token);
                    tab.page.locator("#doctor").selectOption(PRIYA.toString());
                    tab.page
                            .locator("#slots button[data-start='2025-09-22T10:00:00+05:30']")
                            .click();
                    shoot(tab.page, "booking-" + size);
                }
                try (var tab = new BrowserTab(clinic, width, "Asia/Kolkata")) {
                    tab.page.navigate("/desk#token=" + clinic.tokens.admin());
                    tab.page.locator("li[data-number='AID-20250919-0001']").waitFor();
                    shoot(tab.page, "desk-" + size);
                }
                try (var tab = new BrowserTab(clinic, width, "Asia/Kolkata")) {
                    var body = (ObjectNode)
                            clinic.get("/api/v1/appointments/" + number, token).json();
                    ((ObjectNode) body.get("data")).remove("history");
                    tab.page.route(
                            "**/api/v1/manage/**",
                            route -> route.fulfill(new Route.FulfillOptions()
                                    .setStatus(200)
                                    .setContentType("application/json")
                                    .setBody(body.toString())));
                    tab.page.navigate("/manage/example-token");
                    tab.page.locator(".appointment-number").waitFor();
                    shoot(tab.page, "manage-" + size);
                }
            }
        }
    }

    private static void seedPastVisit(TestClinic clinic) {
        var patient = new PatientId(UUID.randomUUID());
        var booked = NOW.minus(Duration.ofDays(2));
        var appointment = Appointment.hold(
                        AppointmentNumber.parse("AID-20250919-0001").orElseThrow(),
                        PRIYA,
                        patient,
                        AppointmentType.CONSULTATION,
                        TimeSlot.of(NOW.minus(Duration.ofHours(1)), Duration.ofMinutes(30)),
                        null,
                        booked)
                .confirm("built-in", MeetingLinks.NONE, booked);
        clinic.appointments.hold(appointment, new Patient(patient, "Asha Verma", null), 10, booked);
        assertThat(clinic.bookAt(clinic.tokens.patient(UUID.randomUUID()), "2025-09-21T15:00:00+05:30")
                        .status())
                .isEqualTo(201);
    }

    private static void shoot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of(DIR, name + ".png"))
                .setFullPage(true));
    }
}
