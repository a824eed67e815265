package com.cureka.appointments.adapters.calcom.webhook;

import com.cureka.appointments.adapters.calcom.webhook.PayloadFields.NotReadable;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Replay protection where Cal.com offers none: it signs no timestamp and sends no nonce, so a delivery's
 * {@code createdAt} must lie within [now - maxAge, now + {@link CalComWebhookReader#FUTURE_SKEW}].
 */
final class DeliveryFreshness {
    private final Clock clock;
    private final Duration maxAge;

    DeliveryFreshness(Clock clock, Duration maxAge) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = maxAge == null ? CalComWebhookReader.DEFAULT_MAX_AGE : maxAge;
        if (!this.maxAge.isPositive()) {
            throw new IllegalArgumentException("the webhook max age must be positive: " + maxAge);
        }
    }

    /**
     * Throws {@link NotReadable} ("stale", "from the future", "no createdAt") unless fresh. A MEETING_* trigger is
     * queued when the booking is made and sent at the meeting's start or end, so that time counts as its
     * "created" when it is later. A trigger we do not act on may come without {@code createdAt}.
     */
    void check(JsonNode root, JsonNode payload, String trigger) {
        Instant createdAt = PayloadFields.instant(root, "createdAt");
        if (createdAt == null && !CalComPayloadMapper.isOurs(trigger)) {
            return; // nothing is done with it either way
        }
        Instant now = clock.instant();
        if (createdAt != null && createdAt.isAfter(now.plus(CalComWebhookReader.FUTURE_SKEW))) {
            throw new NotReadable("from the future");
        }
        Instant sent = createdAt;
        boolean meeting = CalComPayloadMapper.isMeeting(trigger);
        if (payload != null && meeting) {
            String dueField = trigger.equals(CalComPayloadMapper.MEETING_ENDED) ? "endTime" : "startTime";
            Instant due = PayloadFields.instant(payload, dueField);
            if (due != null
                    && (sent == null || due.isAfter(sent))
                    && !due.isAfter(now.plus(CalComWebhookReader.FUTURE_SKEW))) {
                sent = due;
            }
        }
        if (sent == null) {
            throw new NotReadable("no createdAt");
        }
        if (sent.isBefore(now.minus(maxAge))) {
            throw new NotReadable("stale");
        }
    }
}
