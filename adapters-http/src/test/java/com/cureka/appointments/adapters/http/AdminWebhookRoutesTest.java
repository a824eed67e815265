package com.cureka.appointments.adapters.http;

import com.cureka.appointments.application.port.webhook.WebhookEventType;
import com.cureka.appointments.testkit.webhook.AppointmentEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AdminWebhookRoutesTest {
    private static final String WEBHOOKS = "/api/v1/admin/webhooks";

    private final TestClinic clinic = TestClinic.open();
    private final String admin = clinic.tokens.admin();

    @AfterEach
    void close() {
        clinic.close();
    }

    private TestClinic.Response create(String json) {
        return clinic.post(WEBHOOKS, admin, json);
    }

    private String createdId() {
        var response = create("{\"url\": \"https://ehr.example/hooks\", \"description\": \"EHR\"}");
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.at("/data/webhook_id").asText();
    }

    private void invalid(String json, String field) {
        var response = create(json);
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(response.text()).contains(field);
    }

    @Test
    void creating_a_webhook_shows_its_secret_once_and_subscribes_it_to_every_event_by_default() {
        var response = create("{\"url\": \"https://ehr.example/hooks\", \"description\": \"EHR\"}");

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        var id = response.at("/data/webhook_id").asText();
        assertThat(response.headers().firstValue("Location")).contains(WEBHOOKS + "/" + id);
        assertThat(response.at("/data/url").asText()).isEqualTo("https://ehr.example/hooks");
        assertThat(response.at("/data/enabled").asBoolean()).isTrue();
        assertThat(response.at("/data/created_at").asText()).isEqualTo(TestClinic.NOW.toString());
        assertThat(response.at("/data/events"))
                .extracting(node -> node.asText())
                .containsExactlyInAnyOrder(
                        "appointment.booked",
                        "appointment.rescheduled",
                        "appointment.cancelled",
                        "appointment.completed",
                        "appointment.no_show");
        var secret = response.at("/data/secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length())))
                .hasSize(32);

        var read = clinic.get(WEBHOOKS + "/" + id, admin);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.at("/data/secret").isMissingNode()).isTrue();
        var list = clinic.get(WEBHOOKS, admin);
        assertThat(list.at("/data/items/0/webhook_id").asText()).isEqualTo(id);
        assertThat(list.text()).doesNotContain(secret);
    }

    @Test
    void two_webhooks_get_different_secrets() {
        var a = create("{\"url\": \"https://a.example/\"}").at("/data/secret").asText();
        var b = create("{\"url\": \"https://b.example/\"}").at("/data/secret").asText();

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void only_an_admin_may_manage_webhooks() {
        var patient = clinic.tokens.patient(UUID.randomUUID());

        assertThat(clinic.post(WEBHOOKS, patient, "{\"url\": \"https://a.example/\"}")
                        .status())
                .isEqualTo(403);
        assertThat(clinic.get(WEBHOOKS, patient).status()).isEqualTo(403);
        assertThat(clinic.get(WEBHOOKS, null).status()).isEqualTo(401);
    }

    @Test
    void bad_input_is_400_naming_the_field_never_500() {
        invalid("{}", "url");
        invalid("{\"url\": \"ftp://files.example/hook\"}", "url");
        invalid("{\"url\": \"not a url\"}", "url");
        invalid("{\"url\": \"https://\"}", "url");
        invalid("{\"url\": \"https://user:pw@a.example/\"}", "url");
        invalid("{\"url\": \"https://a.example/" + "x".repeat(10_000) + "\"}", "url");
        invalid("{\"url\": \"https://a.example/\", \"events\": [\"appointment.exploded\"]}", "events[0]");
        invalid("{\"url\": \"https://a.example/\", \"events\": [null]}", "events[0]");
        invalid("{\"url\": \"https://a.example/\", \"description\": \"" + "d".repeat(501) + "\"}", "description");
        invalid("{\"url\": 42, \"events\": \"appointment.booked\", \"description\": []}", "events");
        assertThat(clinic.get(WEBHOOKS, admin).at("/data/items")).isEmpty();
    }

    @Test
    void an_update_changes_what_was_sent_and_keeps_the_rest() {
        var id = createdId();

        var response =
                clinic.put(WEBHOOKS + "/" + id, admin, "{\"events\": [\"appointment.cancelled\"], \"enabled\": false}");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.at("/data/events/0").asText()).isEqualTo("appointment.cancelled");
        assertThat(response.at("/data/events")).hasSize(1);
        assertThat(response.at("/data/enabled").asBoolean()).isFalse();
        assertThat(response.at("/data/url").asText()).isEqualTo("https://ehr.example/hooks");
        assertThat(response.at("/data/description").asText()).isEqualTo("EHR");
        assertThat(clinic.put(WEBHOOKS + "/" + id, admin, "{\"url\": \"gopher://x\"}")
                        .status())
                .isEqualTo(400);
        assertThat(clinic.put(WEBHOOKS + "/" + UUID.randomUUID(), admin, "{}").status())
                .isEqualTo(404);
    }

    @Test
    void rotating_shows_a_new_secret_and_keeps_the_old_one_signing_for_24_hours() {
        var created = create("{\"url\": \"https://ehr.example/hooks\"}");
        var id = created.at("/data/webhook_id").asText();
        var old = created.at("/data/secret").asText();

        var rotated = clinic.post(WEBHOOKS + "/" + id + "/rotate-secret", admin, "{}");

        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        var fresh = rotated.at("/data/secret").asText();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        var stored = clinic.webhookSubscriptions.byId(UUID.fromString(id)).orElseThrow();
        assertThat(stored.signingSecrets(TestClinic.NOW)).containsExactly(fresh, old);
        assertThat(stored.signingSecrets(TestClinic.NOW.plusSeconds(24 * 3600))).containsExactly(fresh);
        assertThat(clinic.post(WEBHOOKS + "/" + UUID.randomUUID() + "/rotate-secret", admin, "{}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void a_deleted_webhook_is_gone() {
        var id = createdId();

        assertThat(clinic.delete(WEBHOOKS + "/" + id, admin).status()).isEqualTo(200);

        assertThat(clinic.get(WEBHOOKS + "/" + id, admin).status()).isEqualTo(404);
        assertThat(clinic.delete(WEBHOOKS + "/" + id, admin).status()).isEqualTo(404);
        assertThat(clinic.get(WEBHOOKS + "/not-a-uuid", admin).code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void deliveries_are_listed_newest_first_by_page_and_can_be_sent_again() {
        var id = UUID.fromString(createdId());
        for (int i = 1; i <= 3; i++) {
            clinic.webhookDeliveries.enqueue(
                    AppointmentEvents.event(
                            WebhookEventType.BOOKED, AppointmentEvents.number(i), TestClinic.NOW.plusSeconds(i)),
                    "{}",
                    List.of(id),
                    TestClinic.NOW);
        }
        var path = WEBHOOKS + "/" + id + "/deliveries";

        var first = clinic.get(path + "?limit=2", admin);
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.at("/data/items")).hasSize(2);
        assertThat(first.at("/data/items/0/status").asText()).isEqualTo("pending");
        assertThat(first.at("/data/items/0/event_type").asText()).isEqualTo("appointment.booked");
        assertThat(first.at("/data/items/0/attempts").asInt()).isZero();
        var cursor = first.at("/data/next_cursor").asText();
        var second = clinic.get(path + "?limit=2&cursor=" + cursor, admin);
        assertThat(second.at("/data/items")).hasSize(1);
        assertThat(second.at("/data/next_cursor").isNull()).isTrue();
        assertThat(clinic.get(path + "?status=failed", admin).at("/data/items")).isEmpty();
        assertThat(clinic.get(path + "?status=lost", admin).status()).isEqualTo(400);
        assertThat(clinic.get(path + "?limit=0", admin).status()).isEqualTo(400);
        assertThat(clinic.get(path + "?cursor=zzz", admin).status()).isEqualTo(400);

        var delivery = first.at("/data/items/0/delivery_id").asText();
        assertThat(clinic.post(path + "/" + delivery + "/redeliver", admin, "{}")
                        .status())
                .isEqualTo(202);
        assertThat(clinic.post(path + "/" + UUID.randomUUID() + "/redeliver", admin, "{}")
                        .status())
                .isEqualTo(404);
        assertThat(clinic.get(WEBHOOKS + "/" + UUID.randomUUID() + "/deliveries", admin)
                        .status())
                .isEqualTo(404);
    }
}
