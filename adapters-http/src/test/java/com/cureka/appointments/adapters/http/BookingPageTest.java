package com.cureka.appointments.adapters.http;

import com.cureka.appointments.application.access.Role;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /}, the patient's booking page, in Chromium over real HTTP (docs/pages.md). */
class BookingPageTest {
    static final UUID DEMO_PATIENT = UUID.fromString("3f6c1a2b-8d4e-4f5a-9b6c-000000000001");
    private static final String NINE_TOMORROW = "2025-09-22T09:00:00+05:30";

    private final TestClinic clinic =
            TestClinic.open(TestClinic.Options.standard().withDevTokens(devTokens()));

    private Function<Role, String> devTokens() {
        var tokens = new Tokens(TestClinic.CLOCK);
        return role -> switch (role) {
            case PATIENT -> tokens.patient(DEMO_PATIENT);
            case DOCTOR -> tokens.doctor(TestClinic.PRIYA.value());
            case ADMIN -> tokens.admin();
        };
    }

    @AfterEach
    void close() {
        clinic.close();
    }

    @Test
    void the_demo_patient_books_with_the_keyboard_alone_and_sees_the_number() {
        try (var tab = new BrowserTab(clinic)) {
            tab.page.navigate("/");
            tab.page.locator("#demo").waitFor();

            tab.tabUntil("e.id === 'demo'");
            tab.page.keyboard().press("Enter");
            tab.page.locator("#slots button.slot").first().waitFor();
            tab.tabUntil("e.dataset && e.dataset.start === '" + NINE_TOMORROW + "'");
            tab.page.keyboard().press("Enter");
            assertThat(tab.focused("e.id === 'book'"))
                    .as("focus moves to the Book button")
                    .isTrue();
            tab.page.keyboard().press("Enter");

            var number = tab.page.locator("#booked-number");
            number.waitFor();
            assertThat(number.textContent()).matches("AID-20250921-\\d{4}");
            var stored =
                    clinic.get("/api/v1/appointments/" + number.textContent(), clinic.tokens.patient(DEMO_PATIENT));
            assertThat(stored.status()).isEqualTo(200);
            assertThat(stored.at("/data/appointment_details/datetime").asText()).isEqualTo(NINE_TOMORROW);
            assertThat(tab.page.evaluate("() => sessionStorage.getItem('patient-token') !== null"))
                    .isEqualTo(true);
            assertThat(tab.context.cookies()).as("no cookie holds the token").isEmpty();
            tab.assertClean();
        }
    }

    @Test
    void a_time_taken_meanwhile_offers_the_alternatives_as_buttons_and_one_click_books_one() {
        var token = clinic.tokens.patient(UUID.randomUUID());
        try (var tab = new BrowserTab(clinic, 1280, "Europe/Berlin")) {
            tab.page.navigate("/#token=" + token);
            tab.page.locator("#slots button.slot").first().waitFor();
            tab.page.waitForResponse(
                    response -> response.url().contains("/doctors/" + TestClinic.PRIYA + "/slots"),
                    () -> tab.page.locator("#doctor").selectOption(TestClinic.PRIYA.toString()));
            var nine = tab.page.locator("#slots button[data-start='" + NINE_TOMORROW + "']");
            nine.waitFor();
            assertThat(nine.textContent())
                    .as("the doctor's time, and the patient's own beside it")
                    .contains("09:00", "your time 05:30");
            assertThat(tab.page.url()).as("the token leaves the address bar").doesNotContain("token=");
            var other = clinic.bookAt(clinic.tokens.patient(UUID.randomUUID()), NINE_TOMORROW);
            assertThat(other.status()).isEqualTo(201);

            nine.click();
            tab.page.locator("#book").click();
            Locator offered = tab.page.locator("#alternatives button");
            offered.first().waitFor();
            PlaywrightAssertions.assertThat(tab.page.locator("#error")).containsText("that time is no longer free");
            String alternative = offered.first().getAttribute("data-start");
            assertThat(alternative).isNotNull().isNotEqualTo(NINE_TOMORROW).startsWith("2025-09-22T");
            offered.first().click();

            var number = tab.page.locator("#booked-number");
            number.waitFor();
            var stored = clinic.get("/api/v1/appointments/" + number.textContent(), token);
            assertThat(stored.at("/data/appointment_details/datetime").asText()).isEqualTo(alternative);
            tab.assertClean(409);
        }
    }

    @Test
    void my_appointments_cancels_one_and_reschedules_another() {
        var token = clinic.tokens.patient(UUID.randomUUID());
        String first = clinic.bookAt(token, "2025-09-22T11:00:00+05:30")
                .at("/data/appointment_number")
                .asText();
        String second = clinic.bookAt(token, "2025-09-22T12:00:00+05:30")
                .at("/data/appointment_number")
                .asText();
        try (var tab = new BrowserTab(clinic)) {
            tab.page.navigate("/#token=" + token);

            button(tab.page, "Cancel " + first).click();
            button(tab.page, "Yes, cancel " + first).click();
            PlaywrightAssertions.assertThat(tab.page.locator("#mine-status")).hasText(first + " is cancelled.");
            assertThat(clinic.get("/api/v1/appointments/" + first, token)
                            .at("/data/status")
                            .asText())
                    .isEqualTo("cancelled");

            button(tab.page, "Reschedule " + second).click();
            var three = tab.page.locator("#slots button[data-start='2025-09-22T15:00:00+05:30']");
            three.click();
            PlaywrightAssertions.assertThat(tab.page.locator("#book")).hasText("Move " + second + " to this time");
            tab.page.locator("#book").click();
            PlaywrightAssertions.assertThat(tab.page.locator("#result-title")).hasText("Rescheduled");
            var moved = clinic.get("/api/v1/appointments/" + second, token);
            assertThat(moved.at("/data/appointment_details/datetime").asText()).isEqualTo("2025-09-22T15:00:00+05:30");
            assertThat(moved.at("/data/status").asText()).isEqualTo("scheduled");
            tab.assertClean();
        }
    }

    @Test
    void at_a_phones_width_nothing_reaches_past_the_edge() {
        var token = clinic.tokens.patient(UUID.randomUUID());
        clinic.bookAt(token, "2025-09-22T11:00:00+05:30");
        try (var tab = new BrowserTab(clinic, 375, "Europe/Berlin")) {
            tab.page.navigate("/#token=" + token);
            tab.page.locator("#slots button.slot").first().click();
            tab.page.locator("#mine-list li").first().waitFor();

            assertThat(tab.overflowing()).isEmpty();
            tab.assertClean();
        }
    }

    @Test
    void without_dev_tokens_there_is_no_demo_button_only_the_sign_in_note() {
        try (var plain = TestClinic.open();
                var tab = new BrowserTab(plain)) {
            var probe = tab.page.waitForResponse(
                    response -> response.url().endsWith("/dev/token?role=PATIENT"), () -> tab.page.navigate("/"));

            assertThat(probe.status()).isEqualTo(404);
            PlaywrightAssertions.assertThat(tab.page.locator("#signin-text")).containsText("clinic's sign-in");
            PlaywrightAssertions.assertThat(tab.page.locator("#demo")).isHidden();
            tab.assertClean(404);
        }
    }

    static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
