package com.cureka.appointments.adapters.calcom.fake;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Routes a request as Cal.com API v2 does: the {@code cal-api-version} header picks the controller (a missing
 * or unknown value falls back to 2024-04-15, the legacy one), then the guards check the caller.
 */
final class FakeRouter {
    static final String SLOTS_VERSION = "2024-09-04";
    static final Set<String> BOOKINGS_VERSIONS = Set.of("2024-08-13", "2026-02-25");
    private static final Pattern ONE_BOOKING = Pattern.compile("^/v2/bookings/([^/]+)$");
    private static final Pattern BOOKING_ACTION = Pattern.compile("^/v2/bookings/([^/]+)/(cancel|reschedule)$");
    private static final Pattern ONE_WEBHOOK = Pattern.compile("^/v2/webhooks/([^/]+)$");

    private final SlotsEndpoint slots;
    private final BookingsEndpoint bookings;
    private final WebhooksEndpoint webhooks;
    private final Map<String, String> apiKeys;

    FakeRouter(FakeCalendarState state, WebhooksEndpoint webhooks, Map<String, String> apiKeys) {
        this.slots = new SlotsEndpoint(state);
        this.bookings = new BookingsEndpoint(state);
        this.webhooks = webhooks;
        this.apiKeys = apiKeys;
    }

    FakeResponse route(
            String method,
            String path,
            String url,
            Map<String, String> query,
            String body,
            String version,
            String authorization) {
        if (path.equals("/v2/slots") || path.startsWith("/v2/slots/")) {
            // The 2024-04-15 controller has /v2/slots/available and /reserve but no GET /v2/slots.
            if (!SLOTS_VERSION.equals(version) || !path.equals("/v2/slots") || !method.equals("GET")) {
                throw CalComError.noRoute(method, url);
            }
            // No auth guard on slots; the global throttler still refuses an unknown key.
            var request = new FakeRequest(
                    method, path, url, query, body, caller(authorization, "CustomThrottlerGuard - Invalid API Key"));
            return slots.get(request);
        }
        if (path.equals("/v2/bookings") || path.startsWith("/v2/bookings/")) {
            if (version == null || !BOOKINGS_VERSIONS.contains(version)) {
                // The legacy handler answers differently; omitting the header gave 500s (#16924).
                throw new CalComError(500, "INTERNAL_SERVER_ERROR", "Internal server error.");
            }
            var request = new FakeRequest(
                    method,
                    path,
                    url,
                    query,
                    body,
                    caller(authorization, "ApiAuthStrategy - api key - Your api key is not valid"));
            return bookings(request);
        }
        if (path.equals("/v2/webhooks") || path.startsWith("/v2/webhooks/")) {
            // The controller is mounted for every version, so the header picks nothing here.
            var request = new FakeRequest(
                    method,
                    path,
                    url,
                    query,
                    body,
                    caller(authorization, "ApiAuthStrategy - api key - Your api key is not valid"));
            return webhooks(request);
        }
        throw CalComError.noRoute(method, url);
    }

    private FakeResponse webhooks(FakeRequest request) {
        String method = request.method();
        if (request.path().equals("/v2/webhooks")) {
            return switch (method) {
                case "POST" -> webhooks.create(request);
                case "GET" -> webhooks.list(request);
                default -> throw CalComError.noRoute(method, request.url());
            };
        }
        var one = ONE_WEBHOOK.matcher(request.path());
        if (!one.matches()) {
            throw CalComError.noRoute(method, request.url());
        }
        return switch (method) {
            case "GET" -> webhooks.one(request, one.group(1));
            case "PATCH" -> webhooks.update(request, one.group(1));
            case "DELETE" -> webhooks.delete(request, one.group(1));
            default -> throw CalComError.noRoute(method, request.url());
        };
    }

    private FakeResponse bookings(FakeRequest request) {
        String method = request.method();
        String path = request.path();
        if (path.equals("/v2/bookings")) {
            return switch (method) {
                case "POST" -> bookings.create(request);
                case "GET" -> bookings.list(request);
                default -> throw CalComError.noRoute(method, request.url());
            };
        }
        var action = BOOKING_ACTION.matcher(path);
        if (action.matches() && method.equals("POST")) {
            return action.group(2).equals("cancel")
                    ? bookings.cancel(request, action.group(1))
                    : bookings.reschedule(request, action.group(1));
        }
        var one = ONE_BOOKING.matcher(path);
        if (one.matches() && method.equals("GET")) {
            return bookings.one(one.group(1));
        }
        throw CalComError.noRoute(method, request.url());
    }

    /** The key's owner; null when anonymous; 401 for a key Cal.com does not know. */
    private String caller(String authorization, String invalidKeyMessage) {
        if (authorization == null) {
            return null;
        }
        if (!authorization.startsWith("Bearer ")) {
            throw CalComError.unauthorized(invalidKeyMessage);
        }
        String owner = apiKeys.get(authorization.substring("Bearer ".length()).strip());
        if (owner == null) {
            throw CalComError.unauthorized(invalidKeyMessage);
        }
        return owner;
    }

    /** The throttler's tracker: the key's hash, or the caller's address when anonymous. */
    static String tracker(String authorization, String address) {
        return authorization == null ? "ip_" + address : "api_key_" + Integer.toHexString(authorization.hashCode());
    }
}
