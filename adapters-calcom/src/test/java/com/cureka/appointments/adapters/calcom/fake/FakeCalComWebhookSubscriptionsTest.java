package com.cureka.appointments.adapters.calcom.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v2/webhooks} of the fake, spoken to with a plain HTTP client, as Cal.com's WebhooksController answers. */
class FakeCalComWebhookSubscriptionsTest {
    private static final String CREATE = """
            {"subscriberUrl": "https://clinic.example.org/webhooks/cal", "triggers": ["BOOKING_CREATED"],
             "active": true, "secret": "s3cret"}""";

    private final FakeCalCom calcom = FakeCalCom.start().addApiKey("cal_live_other", "bob");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        calcom.close();
    }

    @Test
    void a_created_subscription_is_201_with_its_id_triggers_secret_and_user() throws Exception {
        var response = send("POST", "/webhooks", CREATE, calcom.apiKey());

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode data = json.readTree(response.body()).get("data");
        assertThat(data.get("id").asText()).isNotBlank();
        assertThat(data.get("subscriberUrl").asText()).isEqualTo("https://clinic.example.org/webhooks/cal");
        assertThat(data.get("triggers").get(0).asText()).isEqualTo("BOOKING_CREATED");
        assertThat(data.get("active").asBoolean()).isTrue();
        assertThat(data.get("secret").asText()).isEqualTo("s3cret");
        assertThat(data.get("userId").isInt()).isTrue();
    }

    @Test
    void a_second_subscription_of_the_same_user_for_the_same_url_is_409() throws Exception {
        send("POST", "/webhooks", CREATE, calcom.apiKey());

        var again = send("POST", "/webhooks", CREATE, calcom.apiKey());
        var otherUser = send("POST", "/webhooks", CREATE, "cal_live_other");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json.readTree(again.body()).at("/error/code").asText()).isEqualTo("ConflictException");
        assertThat(otherUser.statusCode()).isEqualTo(201);
        assertThat(calcom.webhookSubscriptions()).hasSize(2);
    }

    @Test
    void the_list_holds_only_the_callers_own_subscriptions() throws Exception {
        send("POST", "/webhooks", CREATE, calcom.apiKey());
        send("POST", "/webhooks", CREATE, "cal_live_other");

        var list = send("GET", "/webhooks?take=250&skip=0", null, calcom.apiKey());

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json.readTree(list.body()).get("data")).hasSize(1);
    }

    @Test
    void a_patch_changes_only_the_fields_it_gives() throws Exception {
        var id = json.readTree(
                        send("POST", "/webhooks", CREATE, calcom.apiKey()).body())
                .at("/data/id")
                .asText();

        var patched = send("PATCH", "/webhooks/" + id, "{\"active\": false}", calcom.apiKey());

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(calcom.webhookSubscriptions()).singleElement().satisfies(s -> {
            assertThat(s.active()).isFalse();
            assertThat(s.secret()).isEqualTo("s3cret");
            assertThat(s.triggers()).containsExactly("BOOKING_CREATED");
        });
    }

    @Test
    void an_unknown_subscription_is_404_and_another_users_is_403() throws Exception {
        var id = json.readTree(
                        send("POST", "/webhooks", CREATE, "cal_live_other").body())
                .at("/data/id")
                .asText();

        assertThat(send("GET", "/webhooks/nope", null, calcom.apiKey()).statusCode())
                .isEqualTo(404);
        assertThat(send("PATCH", "/webhooks/" + id, "{}", calcom.apiKey()).statusCode())
                .isEqualTo(403);
        assertThat(send("DELETE", "/webhooks/" + id, null, calcom.apiKey()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void webhooks_need_an_api_key() throws Exception {
        assertThat(send("GET", "/webhooks", null, null).statusCode()).isEqualTo(401);
        assertThat(calcom.webhookSubscriptions()).isEmpty();
    }

    @Test
    void unknown_triggers_a_missing_active_and_loopback_urls_are_400() throws Exception {
        var unknownTrigger = CREATE.replace("BOOKING_CREATED", "BOOKING_CONFIRMED");
        var noActive = CREATE.replace("\"active\": true,", "");
        var loopback = CREATE.replace("https://clinic.example.org", "http://127.0.0.1:8080");

        assertThat(send("POST", "/webhooks", unknownTrigger, calcom.apiKey()).statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/webhooks", noActive, calcom.apiKey()).statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/webhooks", loopback, calcom.apiKey()).statusCode())
                .isEqualTo(400);
        assertThat(calcom.webhookSubscriptions()).isEmpty();
    }

    @Test
    void a_deleted_subscription_is_gone() throws Exception {
        var id = json.readTree(
                        send("POST", "/webhooks", CREATE, calcom.apiKey()).body())
                .at("/data/id")
                .asText();

        assertThat(send("DELETE", "/webhooks/" + id, null, calcom.apiKey()).statusCode())
                .isEqualTo(200);
        assertThat(calcom.webhookSubscriptions()).isEmpty();
    }

    private HttpResponse<String> send(String method, String path, String body, String apiKey) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(calcom.baseUrl() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
