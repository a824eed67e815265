package com.cureka.appointments.adapters.webhooks;

import com.cureka.appointments.application.webhook.WebhookSecrets;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StandardWebhookSignatureTest {
    // The specification's test vector, as every official library tests it (standard-webhooks, libraries/*).
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";

    @Test
    void the_specifications_test_vector_signs_as_the_specification_says() {
        assertThat(StandardWebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void the_official_library_signs_the_same() throws Exception {
        assertThat(StandardWebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY))
                .isEqualTo(new Webhook(SECRET).sign(ID, TIMESTAMP, BODY));
    }

    @Test
    void the_official_library_verifies_a_header_with_a_fresh_secret_and_refuses_a_changed_body() {
        var secret = WebhookSecrets.generate();
        long now = Instant.now().getEpochSecond();
        var body = "{\"type\":\"appointment.booked\"}";
        var header = StandardWebhookSignature.header(List.of(secret), "evt_1", now, body);
        var headers = headers("evt_1", now, header);

        assertThatCode(() -> new Webhook(secret).verify(body, headers)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(secret).verify(body + " ", headers))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void during_a_rotation_the_header_has_two_signatures_and_either_secret_verifies() {
        var current = WebhookSecrets.generate();
        var previous = WebhookSecrets.generate();
        long now = Instant.now().getEpochSecond();

        var header = StandardWebhookSignature.header(List.of(current, previous), "evt_2", now, BODY);

        assertThat(header.split(" "))
                .hasSize(2)
                .allSatisfy(sig -> assertThat(sig).startsWith("v1,"));
        assertThatCode(() -> new Webhook(current).verify(BODY, headers("evt_2", now, header)))
                .doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(previous).verify(BODY, headers("evt_2", now, header)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(WebhookSecrets.generate()).verify(BODY, headers("evt_2", now, header)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of(
                "webhook-id", List.of(id),
                "webhook-timestamp", List.of(String.valueOf(timestamp)),
                "webhook-signature", List.of(signature));
    }
}
