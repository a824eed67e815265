package com.cureka.appointments.adapters.calcom.fake;

import java.util.List;

/**
 * A webhook subscription the fake holds, as Cal.com's {@code Webhook} row of a user: {@code owner} is the API key's
 * user, {@code userId} its number. {@code secret} and {@code payloadTemplate} may be null.
 */
public record FakeWebhookSubscription(
        String id,
        String owner,
        int userId,
        String subscriberUrl,
        List<String> triggers,
        boolean active,
        String secret,
        String payloadTemplate) {
    public FakeWebhookSubscription {
        triggers = List.copyOf(triggers);
    }
}
