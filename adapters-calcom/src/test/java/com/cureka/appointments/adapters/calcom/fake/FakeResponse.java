package com.cureka.appointments.adapters.calcom.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** What an endpoint of the fake answers: a status, a JSON body and extra headers. */
record FakeResponse(int status, ObjectNode body, Map<String, String> headers) {
    FakeResponse(int status, ObjectNode body) {
        this(status, body, new LinkedHashMap<>());
    }

    FakeResponse withHeader(String name, String value) {
        var all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new FakeResponse(status, body, all);
    }
}
