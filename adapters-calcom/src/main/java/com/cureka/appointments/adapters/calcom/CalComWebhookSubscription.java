package com.cureka.appointments.adapters.calcom;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Makes sure Cal.com sends its webhook deliveries to us ({@code CAL_COM_WEBHOOK_URL}), through {@code /v2/webhooks}
 * of the API key's user. Idempotent: the user's subscriptions are listed first; one with our subscriber URL is
 * updated only if its triggers, secret or active flag differ, and created only if there is none (Cal.com refuses a
 * second one for the same URL with 409). It never throws: a failure is logged at WARN and returned, so that a
 * Cal.com outage never stops start-up (the subscription then stays as it was).
 */
public final class CalComWebhookSubscription {
    /** The triggers {@code CalComWebhookReader} acts on; others would only be acknowledged. */
    public static final List<String> TRIGGERS =
            List.of("BOOKING_CREATED", "BOOKING_CANCELLED", "BOOKING_RESCHEDULED", "MEETING_ENDED");
    /** The webhooks controller is mounted for every version; we send the bookings one. */
    static final String VERSION = CalComClient.BOOKINGS_VERSION;

    private static final Logger log = LoggerFactory.getLogger(CalComWebhookSubscription.class);
    private static final int PAGE = 250; // Cal.com's largest take

    /** What {@link #register()} came to. */
    public sealed interface Outcome {
        record Created(String id) implements Outcome {}

        record Updated(String id) implements Outcome {}

        record Unchanged(String id) implements Outcome {}

        record Failed(String reason) implements Outcome {}
    }

    private final CalComClient client;
    private final String subscriberUrl;
    private final String secret;

    /**
     * @param subscriberUrl where Cal.com should POST, e.g. {@code https://clinic.example/webhooks/cal}
     * @param secret        {@code CAL_COM_WEBHOOK_SECRET}, which Cal.com signs the deliveries with
     */
    public CalComWebhookSubscription(CalComSettings settings, String subscriberUrl, String secret) {
        this.client = new CalComClient(settings);
        this.subscriberUrl = Objects.requireNonNull(subscriberUrl, "subscriberUrl");
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    public Outcome register() {
        Outcome outcome;
        try {
            outcome = createOrUpdate();
        } catch (CalComAnswer e) {
            outcome = new Outcome.Failed(e.getMessage());
        } catch (RuntimeException e) {
            outcome = new Outcome.Failed(e.toString());
        }
        switch (outcome) {
            case Outcome.Created created ->
                log.info("Registered the Cal.com webhook {} for {}", created.id(), subscriberUrl);
            case Outcome.Updated updated ->
                log.info("Updated the Cal.com webhook {} for {}", updated.id(), subscriberUrl);
            case Outcome.Unchanged unchanged ->
                log.info("The Cal.com webhook {} for {} is already as wanted", unchanged.id(), subscriberUrl);
            case Outcome.Failed failed ->
                log.warn(
                        "Could not register the Cal.com webhook for {} ({}); register it by hand, see "
                                + "docs/calendar-adapters.md",
                        subscriberUrl,
                        failed.reason());
        }
        return outcome;
    }

    private Outcome createOrUpdate() {
        JsonNode existing = ours();
        if (existing == null) {
            var body = new LinkedHashMap<String, Object>(wanted());
            body.put("subscriberUrl", subscriberUrl);
            var created = data(client.post(client.url("webhooks").build(), body, VERSION));
            return new Outcome.Created(created.path("id").asText());
        }
        String id = existing.path("id").asText();
        if (asWanted(existing)) {
            return new Outcome.Unchanged(id);
        }
        data(client.patch(client.url("webhooks", id).build(), wanted(), VERSION));
        return new Outcome.Updated(id);
    }

    /** The user's subscription with our subscriber URL, page by page; null when there is none. */
    private JsonNode ours() {
        for (int skip = 0; ; skip += PAGE) {
            var url = client.url("webhooks")
                    .addQueryParameter("take", String.valueOf(PAGE))
                    .addQueryParameter("skip", String.valueOf(skip))
                    .build();
            JsonNode page = data(client.get(url, VERSION));
            for (JsonNode subscription : page) {
                if (subscriberUrl.equals(subscription.path("subscriberUrl").asText(null))) {
                    return subscription;
                }
            }
            if (page.size() < PAGE) {
                return null;
            }
        }
    }

    private Map<String, Object> wanted() {
        var body = new LinkedHashMap<String, Object>();
        body.put("triggers", TRIGGERS);
        body.put("active", true);
        body.put("secret", secret);
        return body;
    }

    /** Cal.com shows the secret in its answers; a subscription that shows none is given ours again. */
    private boolean asWanted(JsonNode subscription) {
        var triggers = new ArrayList<String>();
        subscription.path("triggers").forEach(t -> triggers.add(t.asText()));
        return Set.copyOf(triggers).equals(Set.copyOf(TRIGGERS))
                && subscription.path("active").asBoolean(false)
                && secret.equals(subscription.path("secret").asText(null));
    }

    /** The {@code data} of a successful answer; anything else is a {@link CalComAnswer}. */
    private static JsonNode data(CalComClient.Outcome outcome) {
        return switch (outcome) {
            case CalComClient.Outcome.Answered answered
            when answered.ok() -> {
                try {
                    yield CalComJson.MAPPER.readTree(answered.body()).path("data");
                } catch (IOException e) {
                    throw new CalComAnswer(
                            "Cal.com answered HTTP " + answered.status() + " with a body that is not JSON");
                }
            }
            case CalComClient.Outcome.Answered answered ->
                throw new CalComAnswer("Cal.com answered HTTP " + answered.status() + ": " + message(answered.body()));
            case CalComClient.Outcome.NoAnswer none ->
                throw new CalComAnswer("no answer from Cal.com: " + none.reason());
            case CalComClient.Outcome.CircuitOpen open -> throw new CalComAnswer("Cal.com's circuit is open");
        };
    }

    private static String message(String body) {
        try {
            return CalComJson.MAPPER
                    .readTree(body)
                    .path("error")
                    .path("message")
                    .asText("");
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops a registration at the first answer that is not a success. */
    private static final class CalComAnswer extends RuntimeException {
        CalComAnswer(String why) {
            super(why, null, false, false);
        }
    }
}
