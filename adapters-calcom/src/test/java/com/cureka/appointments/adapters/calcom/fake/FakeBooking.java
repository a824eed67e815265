package com.cureka.appointments.adapters.calcom.fake;

import java.time.Instant;
import java.util.Map;

/** A booking as the fake Cal.com holds it (status as on the wire: accepted, pending, cancelled, rejected). */
public record FakeBooking(
        long id,
        String uid,
        long eventTypeId,
        String hostUsername,
        String status,
        Instant start,
        Instant end,
        String attendeeName,
        String attendeeEmail,
        String attendeeTimeZone,
        Map<String, String> metadata,
        String location,
        String cancellationReason,
        String reschedulingReason,
        String rescheduledFromUid,
        String rescheduledToUid,
        Instant createdAt,
        Instant updatedAt) {
    public FakeBooking {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Accepted or pending: it holds the host's time. */
    public boolean live() {
        return status.equals("accepted") || status.equals("pending");
    }

    public boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && from.isBefore(end);
    }

    FakeBooking cancelled(String reason, Instant now) {
        return new FakeBooking(
                id,
                uid,
                eventTypeId,
                hostUsername,
                "cancelled",
                start,
                end,
                attendeeName,
                attendeeEmail,
                attendeeTimeZone,
                metadata,
                location,
                reason,
                reschedulingReason,
                rescheduledFromUid,
                rescheduledToUid,
                createdAt,
                now);
    }

    FakeBooking rescheduledTo(String newUid, String reason, Instant now) {
        return new FakeBooking(
                id,
                uid,
                eventTypeId,
                hostUsername,
                "cancelled",
                start,
                end,
                attendeeName,
                attendeeEmail,
                attendeeTimeZone,
                metadata,
                location,
                cancellationReason,
                reason,
                rescheduledFromUid,
                newUid,
                createdAt,
                now);
    }
}
