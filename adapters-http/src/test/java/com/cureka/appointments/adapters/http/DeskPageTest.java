package com.cureka.appointments.adapters.http;

import com.cureka.appointments.application.port.appointment.HoldResult;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static com.cureka.appointments.adapters.http.BookingPageTest.button;
import static com.cureka.appointments.adapters.http.TestClinic.ARJUN;
import static com.cureka.appointments.adapters.http.TestClinic.NOW;
import static com.cureka.appointments.adapters.http.TestClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /desk}, the front desk, in Chromium over real HTTP (docs/pages.md). */
class DeskPageTest {
    private final TestClinic clinic = TestClinic.open();

    @AfterEach
    void close() {
        clinic.close();
    }

    /**
     * A visit that began {@code hoursAgo} before "now": booked days earlier, so stored through the repository rather
     * than through the booking rules (nor by moving the browser's clock).
     */
    private String visitThatBegan(String number, DoctorId doctor, int hoursAgo, String patientName) {
        var id = AppointmentNumber.parse(number).orElseThrow();
        var patient = new PatientId(UUID.randomUUID());
        var booked = NOW.minus(Duration.ofDays(2));
        var appointment = Appointment.hold(
                        id,
                        doctor,
                        patient,
                        AppointmentType.CONSULTATION,
                        TimeSlot.of(NOW.minus(Duration.ofHours(hoursAgo)), Duration.ofMinutes(30)),
                        null,
                        booked)
                .confirm("built-in", MeetingLinks.NONE, booked);
        var held = clinic.appointments.hold(appointment, new Patient(patient, patientName, null), 10, booked);
        assertThat(held).isInstanceOf(HoldResult.Held.class);
        return number;
    }

    @Test
    void an_admin_sees_every_doctors_day_and_marks_past_visits_completed_and_no_show() {
        String came = visitThatBegan("AID-20250919-0001", PRIYA, 1, "Asha Verma");
        String absent = visitThatBegan("AID-20250919-0002", ARJUN, 2, "Vikram Singh");
        String later = clinic.bookAt(clinic.tokens.patient(UUID.randomUUID()), "2025-09-21T15:00:00+05:30")
                .at("/data/appointment_number")
                .asText();
        try (var tab = new BrowserTab(clinic)) {
            tab.page.navigate("/desk#token=" + clinic.tokens.admin());

            PlaywrightAssertions.assertThat(tab.page.locator("#day-title")).hasText("Sun, 21 Sept 2025");
            PlaywrightAssertions.assertThat(tab.page.locator("#doctors section"))
                    .hasCount(2);
            PlaywrightAssertions.assertThat(tab.page.locator("li[data-number='" + came + "']"))
                    .containsText("Asha Verma");
            assertThat(tab.page
                            .locator("li[data-number='" + later + "'] button")
                            .allTextContents())
                    .as("an upcoming visit can be cancelled, not yet marked")
                    .containsExactly("Cancel");

            button(tab.page, "Completed: " + came).click();
            PlaywrightAssertions.assertThat(tab.page.locator("#status")).hasText(came + " is marked completed.");
            button(tab.page, "No-show: " + absent).click();
            PlaywrightAssertions.assertThat(tab.page.locator("#status")).hasText(absent + " is marked as a no-show.");

            var admin = clinic.tokens.admin();
            assertThat(clinic.get("/api/v1/appointments/" + came, admin)
                            .at("/data/status")
                            .asText())
                    .isEqualTo("completed");
            assertThat(clinic.get("/api/v1/appointments/" + absent, admin)
                            .at("/data/status")
                            .asText())
                    .isEqualTo("no_show");
            PlaywrightAssertions.assertThat(tab.page.locator("li[data-number='" + came + "'] .status"))
                    .hasText("Completed");
            PlaywrightAssertions.assertThat(tab.page.locator("li[data-number='" + came + "'] button"))
                    .hasCount(0);
            tab.assertClean();
        }
    }

    @Test
    void a_doctor_sees_only_their_own_day_and_another_day_loads_without_a_reload() {
        String mine = visitThatBegan("AID-20250919-0003", PRIYA, 1, "Asha Verma");
        String theirs = visitThatBegan("AID-20250919-0004", ARJUN, 1, "Vikram Singh");
        String tomorrow = clinic.bookAt(clinic.tokens.patient(UUID.randomUUID()), "2025-09-22T10:00:00+05:30")
                .at("/data/appointment_number")
                .asText();
        try (var tab = new BrowserTab(clinic)) {
            tab.page.navigate("/desk#token=" + clinic.tokens.doctor(PRIYA.value()));

            PlaywrightAssertions.assertThat(tab.page.locator("li[data-number='" + mine + "']"))
                    .isVisible();
            PlaywrightAssertions.assertThat(tab.page.locator("#doctors section"))
                    .hasCount(1);
            assertThat(tab.page.locator("li[data-number='" + theirs + "']").count())
                    .isZero();

            tab.page.evaluate("() => { window.notReloaded = true; }");
            tab.page.locator("#next").click();
            PlaywrightAssertions.assertThat(tab.page.locator("li[data-number='" + tomorrow + "']"))
                    .isVisible();
            assertThat(tab.page.evaluate("() => window.notReloaded === true")).isEqualTo(true);
            tab.assertClean();
        }
    }

    @Test
    void a_patients_token_is_told_the_desk_is_for_doctors_and_admins() {
        try (var tab = new BrowserTab(clinic)) {
            tab.page.navigate("/desk#token=" + clinic.tokens.patient(UUID.randomUUID()));

            PlaywrightAssertions.assertThat(tab.page.locator("#signin-text"))
                    .hasText("The front desk needs a doctor's or an administrator's sign-in.");
            PlaywrightAssertions.assertThat(tab.page.locator("#app")).isHidden();
            tab.assertClean(404);
        }
    }

    @Test
    void at_a_phones_width_nothing_reaches_past_the_edge() {
        visitThatBegan("AID-20250919-0005", PRIYA, 1, "Asha Verma Ramachandran-Subramanian");
        try (var tab = new BrowserTab(clinic, 375, "Europe/Berlin")) {
            tab.page.navigate("/desk#token=" + clinic.tokens.admin());
            tab.page.locator("li[data-number='AID-20250919-0005']").waitFor();

            assertThat(tab.overflowing()).isEmpty();
            tab.assertClean();
        }
    }
}
