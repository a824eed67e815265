package com.cureka.appointments.adapters.http.subscriber;

import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.application.port.webhook.WebhookEventType;
import com.cureka.appointments.application.webhook.ManageWebhooks;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST} and {@code PUT /api/v1/admin/webhooks[/{id}]}. On {@code PUT} a field left out keeps
 * its value; on {@code POST} only {@code url} is required and {@code events} defaults to every event.
 */
record WebhookRequest(String url, List<String> events, String description, Boolean enabled) {

    /** The events, null when none were sent; unknown names are noted in {@code errors}. */
    Set<WebhookEventType> eventTypes(FieldErrors errors) {
        if (events == null) {
            return null;
        }
        var types = EnumSet.noneOf(WebhookEventType.class);
        for (int i = 0; i < events.size(); i++) {
            var type = events.get(i) == null
                    ? null
                    : WebhookEventType.fromCode(events.get(i).strip()).orElse(null);
            if (type == null) {
                errors.add(
                        "events[" + i + "]",
                        FieldCode.INVALID_TYPE,
                        "must be one of appointment.booked, appointment.rescheduled, appointment.cancelled, "
                                + "appointment.completed, appointment.no_show");
            } else {
                types.add(type);
            }
        }
        return types;
    }

    void checkDescription(FieldErrors errors) {
        if (description != null && description.length() > ManageWebhooks.MAX_DESCRIPTION_LENGTH) {
            errors.add(
                    "description",
                    FieldCode.TOO_LONG,
                    "must be at most " + ManageWebhooks.MAX_DESCRIPTION_LENGTH + " characters");
        }
    }
}
