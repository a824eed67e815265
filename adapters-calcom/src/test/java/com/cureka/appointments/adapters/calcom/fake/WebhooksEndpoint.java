package com.cureka.appointments.adapters.calcom.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.cureka.appointments.adapters.calcom.fake.BookingsEndpoint.integer;
import static com.cureka.appointments.adapters.calcom.fake.CreateBookingValidation.parseObject;

/**
 * {@code /v2/webhooks}: the API key's user's own subscriptions, as Cal.com's WebhooksController has them (any
 * {@code cal-api-version}, ApiAuthGuard). POST creates ({@code 201}; {@code 409} when the user already has one
 * for that subscriberUrl), GET lists ({@code skip}, {@code take} up to 250), GET/PATCH/DELETE {@code /{id}} one
 * ({@code 404} unknown, {@code 403} another user's). The output is {@code {id, payloadTemplate, triggers,
 * subscriberUrl, active, secret, userId}}; {@code triggers} is stored as Cal.com's {@code eventTriggers}.
 */
final class WebhooksEndpoint {
    /** Cal.com's WebhookTriggerEvents (CALCOM.md §6). */
    static final Set<String> TRIGGERS = Set.of(
            "BOOKING_CREATED",
            "BOOKING_PAYMENT_INITIATED",
            "BOOKING_PAID",
            "BOOKING_RESCHEDULED",
            "BOOKING_REQUESTED",
            "BOOKING_CANCELLED",
            "BOOKING_REJECTED",
            "BOOKING_NO_SHOW_UPDATED",
            "FORM_SUBMITTED",
            "MEETING_ENDED",
            "MEETING_STARTED",
            "RECORDING_READY",
            "INSTANT_MEETING",
            "RECORDING_TRANSCRIPTION_GENERATED",
            "OOO_CREATED",
            "AFTER_HOSTS_CAL_VIDEO_NO_SHOW",
            "AFTER_GUESTS_CAL_VIDEO_NO_SHOW",
            "FORM_SUBMITTED_NO_EVENT",
            "ROUTING_FORM_FALLBACK_HIT",
            "DELEGATION_CREDENTIAL_ERROR",
            "WRONG_ASSIGNMENT_REPORT");

    private final Map<String, FakeWebhookSubscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, Integer> userIds = new LinkedHashMap<>();

    synchronized List<FakeWebhookSubscription> all() {
        return List.copyOf(subscriptions.values());
    }

    /** Stores one directly, as if made in Cal.com's settings page. */
    synchronized FakeWebhookSubscription store(
            String owner, String subscriberUrl, List<String> triggers, boolean active, String secret) {
        var subscription = new FakeWebhookSubscription(
                UUID.randomUUID().toString(), owner, userId(owner), subscriberUrl, triggers, active, secret, null);
        subscriptions.put(subscription.id(), subscription);
        return subscription;
    }

    synchronized FakeResponse create(FakeRequest request) {
        String owner = authenticated(request);
        ObjectNode body = parseObject(request.body());
        var active = body.get("active");
        if (active == null || !active.isBoolean()) {
            throw CalComError.badRequest("active must be a boolean value");
        }
        String url = subscriberUrl(body.get("subscriberUrl"));
        var triggers = triggers(body.get("triggers"));
        boolean taken = subscriptions.values().stream()
                .anyMatch(s -> s.owner().equals(owner) && s.subscriberUrl().equals(url));
        if (taken) {
            throw new CalComError(
                    409, "ConflictException", "Webhook with this subscriber url already exists for this user");
        }
        var created = new FakeWebhookSubscription(
                UUID.randomUUID().toString(),
                owner,
                userId(owner),
                url,
                triggers,
                active.asBoolean(),
                optionalString(body, "secret"),
                optionalString(body, "payloadTemplate"));
        subscriptions.put(created.id(), created);
        return new FakeResponse(201, FakeJson.success(render(created)));
    }

    synchronized FakeResponse list(FakeRequest request) {
        String owner = authenticated(request);
        int take = integer(request.param("take"), 250, 1, 250, "take");
        int skip = integer(request.param("skip"), 0, 0, Integer.MAX_VALUE, "skip");
        var page = subscriptions.values().stream()
                .filter(s -> s.owner().equals(owner))
                .skip(skip)
                .limit(take)
                .map(WebhooksEndpoint::render)
                .toList();
        return new FakeResponse(200, FakeJson.success(page));
    }

    synchronized FakeResponse one(FakeRequest request, String id) {
        return new FakeResponse(200, FakeJson.success(render(owned(request, id))));
    }

    /** A partial update: only the fields given change (UpdateWebhookInputDto is a PartialType). */
    synchronized FakeResponse update(FakeRequest request, String id) {
        var old = owned(request, id);
        ObjectNode body = parseObject(request.body());
        var active = body.get("active");
        if (active != null && !active.isBoolean()) {
            throw CalComError.badRequest("active must be a boolean value");
        }
        var updated = new FakeWebhookSubscription(
                old.id(),
                old.owner(),
                old.userId(),
                body.has("subscriberUrl") ? subscriberUrl(body.get("subscriberUrl")) : old.subscriberUrl(),
                body.has("triggers") ? triggers(body.get("triggers")) : old.triggers(),
                active == null ? old.active() : active.asBoolean(),
                body.has("secret") ? optionalString(body, "secret") : old.secret(),
                body.has("payloadTemplate") ? optionalString(body, "payloadTemplate") : old.payloadTemplate());
        subscriptions.put(id, updated);
        return new FakeResponse(200, FakeJson.success(render(updated)));
    }

    synchronized FakeResponse delete(FakeRequest request, String id) {
        var gone = owned(request, id);
        subscriptions.remove(id);
        return new FakeResponse(200, FakeJson.success(render(gone)));
    }

    private static String authenticated(FakeRequest request) {
        if (request.apiKeyOwner() == null) {
            throw CalComError.unauthorized("ApiAuthStrategy - no authentication provided");
        }
        return request.apiKeyOwner();
    }

    private FakeWebhookSubscription owned(FakeRequest request, String id) {
        String owner = authenticated(request);
        var subscription = subscriptions.get(id);
        if (subscription == null) {
            throw CalComError.notFound("Webhook (" + id + ") not found");
        }
        if (!subscription.owner().equals(owner)) {
            throw CalComError.forbidden("Forbidden resource");
        }
        return subscription;
    }

    /** A string, and (newer Cal.com, validateWebhookUrl) not an address inside Cal.com's network. */
    private static String subscriberUrl(JsonNode value) {
        if (value == null || !value.isTextual()) {
            throw CalComError.badRequest("subscriberUrl must be a string");
        }
        String url = value.asText();
        try {
            var uri = URI.create(url);
            String host = uri.getHost();
            boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
            if (!web || host == null || host.equals("localhost") || isInternalLiteral(host)) {
                throw CalComError.badRequest("Webhook URL is not allowed: " + url);
            }
        } catch (IllegalArgumentException e) {
            throw CalComError.badRequest("Webhook URL is not allowed: " + url);
        }
        return url;
    }

    private static boolean isInternalLiteral(String host) {
        if (!host.matches("[0-9.]+") && !host.startsWith("[")) {
            return false; // a name; Cal.com's synchronous check does not resolve it
        }
        try {
            var address = InetAddress.getByName(host.replace("[", "").replace("]", ""));
            return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress();
        } catch (Exception e) {
            return true;
        }
    }

    private static List<String> triggers(JsonNode value) {
        if (value == null || !value.isArray()) {
            throw CalComError.badRequest("triggers must be an array");
        }
        var triggers = new ArrayList<String>();
        for (JsonNode trigger : value) {
            if (!trigger.isTextual() || !TRIGGERS.contains(trigger.asText())) {
                throw CalComError.badRequest(
                        "each value in triggers must be one of the following values: " + String.join(", ", TRIGGERS));
            }
            triggers.add(trigger.asText());
        }
        return triggers;
    }

    private static String optionalString(ObjectNode body, String field) {
        var value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw CalComError.badRequest(field + " must be a string");
        }
        return value.asText();
    }

    private synchronized int userId(String owner) {
        return userIds.computeIfAbsent(owner, o -> userIds.size() + 1);
    }

    private static ObjectNode render(FakeWebhookSubscription s) {
        var node = FakeJson.MAPPER.createObjectNode().put("id", s.id()).put("payloadTemplate", s.payloadTemplate());
        var triggers = node.putArray("triggers");
        s.triggers().forEach(triggers::add);
        return node.put("subscriberUrl", s.subscriberUrl())
                .put("active", s.active())
                .put("secret", s.secret())
                .put("userId", s.userId());
    }
}
