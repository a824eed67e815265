package com.cureka.appointments.adapters.calcom.fake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One request the fake received, as it arrived (headers by case-insensitive name). */
public record ReceivedCall(
        String method, String path, String query, Map<String, List<String>> headers, String body, Instant receivedAt) {
    public ReceivedCall {
        var copy = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = copy;
    }

    /** The first value of the header, or null. */
    public String header(String name) {
        var values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The decoded query parameter, or null. */
    public String queryParam(String name) {
        return queryParams().get(name);
    }

    public Map<String, String> queryParams() {
        return parseQuery(query);
    }

    /** The first value of each parameter of a raw query string, decoded. */
    static Map<String, String> parseQuery(String query) {
        var params = new TreeMap<String, String>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    public boolean is(String method, String path) {
        return this.method.equals(method) && this.path.equals(path);
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query);
    }
}
