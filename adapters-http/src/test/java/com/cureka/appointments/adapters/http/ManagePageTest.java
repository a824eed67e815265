package com.cureka.appointments.adapters.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /manage/{token}}, the page of an e-mail's manage link, in Chromium. Until the manage-link API
 * ({@code /api/v1/manage/{token}}, API.md "Manage links") is built, the page meets whatever the API answers for any
 * token, and a stand-in for that API answers as the contract says: it forwards to the patient's own routes, which have
 * "the same rules and error codes".
 */
class ManagePageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestClinic clinic = TestClinic.open();
    private final UUID patient = UUID.randomUUID();
    private final String token = clinic.tokens.patient(patient);
    private final List<String> standInCalls = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        clinic.close();
    }

    @Test
    void a_link_the_api_does_not_know_is_a_readable_link_invalid_page() {
        try (var tab = new BrowserTab(clinic)) {
            var call = tab.page.waitForRequest(
                    request -> request.url().contains("/api/v1/manage/"),
                    () -> tab.page.navigate("/manage/not-a-real-token"));

            PlaywrightAssertions.assertThat(tab.page.locator("#problem-title")).hasText("This link does not work");
            PlaywrightAssertions.assertThat(tab.page).hasTitle("This link does not work");
            assertThat(call.url()).endsWith("/api/v1/manage/not-a-real-token");
            assertThat(call.headers())
                    .as("no sign-in: the link is the credential")
                    .doesNotContainKey("authorization");
            PlaywrightAssertions.assertThat(tab.page.locator("#app")).isHidden();
            tab.assertClean(401, 404);
        }
    }

    @Test
    void a_stale_link_is_a_readable_link_expired_page() {
        try (var tab = new BrowserTab(clinic)) {
            tab.page.route(
                    "**/api/v1/manage/**",
                    route -> route.fulfill(new Route.FulfillOptions()
                            .setStatus(410)
                            .setContentType("application/json")
                            .setBody(
                                    "{\"success\":false,\"code\":\"LINK_EXPIRED\",\"message\":\"This link has expired\","
                                            + "\"details\":{}}")));
            tab.page.navigate("/manage/stale-token");

            PlaywrightAssertions.assertThat(tab.page.locator("#problem-title")).hasText("This link has expired");
            PlaywrightAssertions.assertThat(tab.page.locator("#problem-text")).containsText("newest e-mail");
            tab.assertClean(410);
        }
    }

    @Test
    void the_link_shows_the_appointment_and_cancels_it_with_a_reason() {
        String number = bookAt("2025-09-23T14:30:00+05:30");
        try (var tab = new BrowserTab(clinic)) {
            standIn(tab, number);
            tab.page.navigate("/manage/a-good-token");

            PlaywrightAssertions.assertThat(tab.page.locator(".appointment-number"))
                    .hasText(number);
            PlaywrightAssertions.assertThat(tab.page.locator(".appointment-when"))
                    .hasText("Tue, 23 Sept 2025, 14:30");
            tab.page.locator("#reason").fill("I feel better");
            tab.page
                    .getByText("Cancel the appointment", new Page.GetByTextOptions().setExact(true))
                    .last()
                    .click();

            PlaywrightAssertions.assertThat(tab.page.locator("#done")).containsText(number + " is cancelled.");
            PlaywrightAssertions.assertThat(tab.page.locator("#change")).isHidden();
            var stored = clinic.get("/api/v1/appointments/" + number, token);
            assertThat(stored.at("/data/status").asText()).isEqualTo("cancelled");
            assertThat(stored.at("/data/history/1/reason").asText()).isEqualTo("I feel better");
            assertThat(standInCalls).containsExactly("GET", "POST cancel {\"reason\":\"I feel better\"}");
            tab.assertClean();
        }
    }

    @Test
    void a_reschedule_to_a_taken_time_offers_free_times_and_one_click_moves_it() {
        String number = bookAt("2025-09-23T14:30:00+05:30");
        assertThat(clinic.bookAt(clinic.tokens.patient(UUID.randomUUID()), "2025-09-24T10:00:00+05:30")
                        .status())
                .isEqualTo(201);
        try (var tab = new BrowserTab(clinic, 375, "Asia/Kolkata")) {
            standIn(tab, number);
            tab.page.navigate("/manage/a-good-token");
            tab.page.locator(".appointment-number").waitFor();
            assertThat(tab.overflowing()).as("at a phone's width").isEmpty();

            tab.page.locator("#new-day").fill("2025-09-24");
            tab.page.locator("#new-time").fill("10:00");
            tab.page.getByText("Move the appointment").click();
            var offered = tab.page.locator("#error button");
            offered.first().waitFor();
            String label = offered.first().textContent();
            offered.first().click();

            PlaywrightAssertions.assertThat(tab.page.locator("#done")).containsText("Moved: " + number);
            var stored = clinic.get("/api/v1/appointments/" + number, token);
            String moved = stored.at("/data/appointment_details/datetime").asText();
            assertThat(moved).startsWith("2025-09-24T").isNotEqualTo("2025-09-24T10:00:00+05:30");
            assertThat(label).contains(moved.substring(11, 16));
            assertThat(standInCalls.get(1))
                    .isEqualTo("POST reschedule {\"appointment_datetime\":\"2025-09-24T10:00:00+05:30\"}");
            tab.assertClean(409);
        }
    }

    private String bookAt(String datetime) {
        var booked = clinic.bookAt(token, datetime);
        assertThat(booked.status()).isEqualTo(201);
        return booked.at("/data/appointment_number").asText();
    }

    /** Answers {@code /api/v1/manage/*} for one appointment as the contract says, through the patient's routes. */
    private void standIn(BrowserTab tab, String number) {
        String path = "/api/v1/appointments/" + number;
        tab.page.route("**/api/v1/manage/**", route -> {
            var request = route.request();
            TestClinic.Response answer;
            if (request.method().equals("GET")) {
                standInCalls.add("GET");
                answer = clinic.get(path, token);
            } else {
                String action = request.url().substring(request.url().lastIndexOf('/') + 1);
                standInCalls.add("POST " + action + " " + request.postData());
                answer = clinic.post(path + "/" + action, token, request.postData());
            }
            var body = (ObjectNode) answer.json();
            if (body.get("data") instanceof ObjectNode data) {
                data.remove("history");
            }
            route.fulfill(new Route.FulfillOptions()
                    .setStatus(answer.status())
                    .setHeaders(Map.of("Content-Type", "application/json"))
                    .setBody(body.toString()));
        });
    }
}
