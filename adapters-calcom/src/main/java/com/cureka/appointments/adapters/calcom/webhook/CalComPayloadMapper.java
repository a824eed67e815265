package com.cureka.appointments.adapters.calcom.webhook;

import com.cureka.appointments.adapters.calcom.webhook.PayloadFields.NotReadable;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.calendar.CalendarEvent;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.cureka.appointments.adapters.calcom.webhook.PayloadFields.instant;
import static com.cureka.appointments.adapters.calcom.webhook.PayloadFields.text;

/**
 * A Cal.com payload (version 2021-10-20) as one of our {@link CalendarEvent}s. {@code BOOKING_CREATED},
 * {@code BOOKING_CANCELLED}, {@code BOOKING_RESCHEDULED} ({@code uid} is the new booking, {@code rescheduleUid} the
 * old one) and {@code MEETING_ENDED} become events; any other trigger maps to none. Our appointment number is read
 * from {@code metadata.appointmentNumber} (put there by the gateway when it books); missing or malformed, it is null.
 */
final class CalComPayloadMapper {
    /** The metadata key the gateway writes our number under (BookingMapper.NUMBER_KEY). */
    static final String NUMBER_KEY = "appointmentNumber";

    static final String BOOKING_CREATED = "BOOKING_CREATED";
    static final String BOOKING_CANCELLED = "BOOKING_CANCELLED";
    static final String BOOKING_RESCHEDULED = "BOOKING_RESCHEDULED";
    static final String MEETING_ENDED = "MEETING_ENDED";
    static final String MEETING_STARTED = "MEETING_STARTED";

    private final String eventLinkBase;
    private final NumberLookup lookup;

    /**
     * @param eventLinkBase prefix of the {@code cal_event_link} (the booking uid appended); null for none
     * @param lookup        reads the number from Cal.com when the payload has no metadata; null for none
     */
    CalComPayloadMapper(String eventLinkBase, NumberLookup lookup) {
        this.eventLinkBase = eventLinkBase == null || eventLinkBase.isBlank() ? null : eventLinkBase;
        this.lookup = lookup;
    }

    static boolean isOurs(String trigger) {
        return switch (trigger) {
            case BOOKING_CREATED, BOOKING_CANCELLED, BOOKING_RESCHEDULED, MEETING_ENDED -> true;
            default -> false;
        };
    }

    static boolean isMeeting(String trigger) {
        return trigger.equals(MEETING_ENDED) || trigger.equals(MEETING_STARTED);
    }

    /** The trigger's payload: the envelope's, or for MEETING_*, once sent flat, the root itself; else null. */
    static JsonNode payloadOf(JsonNode root, String trigger) {
        return root.path("payload").isObject() ? root.get("payload") : isMeeting(trigger) ? root : null;
    }

    /** The event of a trigger we act on; throws {@link NotReadable} when its payload lacks what we need. */
    Optional<CalendarEvent> map(String trigger, JsonNode payload) {
        if (payload == null) {
            if (isOurs(trigger)) {
                throw new NotReadable("no payload");
            }
            return Optional.empty();
        }
        return switch (trigger) {
            case BOOKING_CREATED -> {
                var slot = slot(payload);
                yield Optional.of(new CalendarEvent.BookingCreated(
                        uid(payload), number(payload, List.of(uid(payload)), List.of(slot)), slot, links(payload)));
            }
            case BOOKING_CANCELLED ->
                Optional.of(new CalendarEvent.BookingCancelled(
                        uid(payload),
                        number(payload, List.of(uid(payload)), optionalSlot(payload, "startTime", "endTime")),
                        reason(payload)));
            case BOOKING_RESCHEDULED -> {
                var slot = slot(payload);
                String previous = text(payload, "rescheduleUid");
                var uids = previous == null ? List.of(uid(payload)) : List.of(uid(payload), previous);
                var windows = new ArrayList<TimeSlot>(List.of(slot));
                windows.addAll(optionalSlot(payload, "rescheduleStartTime", "rescheduleEndTime"));
                yield Optional.of(new CalendarEvent.BookingRescheduled(
                        uid(payload), previous, number(payload, uids, windows), slot));
            }
            case MEETING_ENDED ->
                Optional.of(new CalendarEvent.MeetingEnded(
                        uid(payload),
                        number(payload, List.of(uid(payload)), optionalSlot(payload, "startTime", "endTime"))));
            default -> Optional.empty();
        };
    }

    private static String uid(JsonNode payload) {
        String uid = text(payload, "uid");
        if (uid == null) {
            throw new NotReadable("no booking uid");
        }
        return uid;
    }

    /**
     * Our number from the booking's metadata; null when it is not one of ours or the value is garbled. When
     * Cal.com left the metadata out, the {@linkplain NumberLookup lookup} (if any) finds it by uid in
     * {@code windows}.
     */
    private AppointmentNumber number(JsonNode payload, List<String> uids, List<TimeSlot> windows) {
        JsonNode metadata = payload.path("metadata");
        JsonNode value = metadata.path(NUMBER_KEY);
        if (value.isTextual()) {
            return AppointmentNumber.parse(value.asText().strip()).orElse(null);
        }
        // Metadata without our number is a booking made elsewhere; but a rescheduled booking's number may be
        // only on the booking it replaced.
        boolean metadataLeftOut = metadata.isMissingNode() || metadata.isNull();
        if (lookup == null || value.isValueNode() || !(metadataLeftOut || uids.size() > 1)) {
            return null;
        }
        return lookup.find(uids, windows).orElse(null);
    }

    private static TimeSlot slot(JsonNode payload) {
        Instant start = instant(payload, "startTime");
        Instant end = instant(payload, "endTime");
        if (start == null || end == null) {
            throw new NotReadable("no startTime or endTime");
        }
        if (!start.isBefore(end)) {
            throw new NotReadable("endTime is not after startTime");
        }
        return new TimeSlot(start, end);
    }

    /** The slot between two time fields, when both are there and make one; else none. */
    private static List<TimeSlot> optionalSlot(JsonNode payload, String startField, String endField) {
        try {
            Instant start = instant(payload, startField);
            Instant end = instant(payload, endField);
            return start != null && end != null && start.isBefore(end) ? List.of(new TimeSlot(start, end)) : List.of();
        } catch (NotReadable e) {
            return List.of();
        }
    }

    /**
     * The video room: {@code location} when it is a URL (Cal.com puts the video call URL there), else the
     * {@code videoCallUrl} in the metadata, else {@code videoCallData.url}. The event link as the gateway makes it.
     */
    private MeetingLinks links(JsonNode payload) {
        String video = firstUrl(
                text(payload, "location"),
                text(payload.path("metadata"), "videoCallUrl"),
                text(payload.path("videoCallData"), "url"));
        String uid = text(payload, "uid");
        return new MeetingLinks(video, eventLinkBase == null ? null : eventLinkBase + uid);
    }

    private static String reason(JsonNode payload) {
        String reason = text(payload, "cancellationReason");
        if (reason == null) {
            return null;
        }
        // Cal.com takes any length; our audit trail keeps 500 characters.
        return reason.length() <= Change.MAX_REASON_LENGTH ? reason : reason.substring(0, Change.MAX_REASON_LENGTH);
    }

    private static String firstUrl(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && (candidate.startsWith("https://") || candidate.startsWith("http://"))) {
                return candidate;
            }
        }
        return null;
    }
}
