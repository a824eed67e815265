package com.cureka.appointments.adapters.calcom.fake;

import java.util.Map;

/** A request as an endpoint of the fake sees it; {@code apiKeyOwner} is null for an anonymous caller. */
record FakeRequest(String method, String path, String url, Map<String, String> query, String body, String apiKeyOwner) {
    String param(String name) {
        return query.get(name);
    }
}
