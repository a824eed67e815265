package com.cureka.appointments.adapters.calcom.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static com.cureka.appointments.adapters.calcom.fake.CreateBookingValidation.*;

/** {@code /v2/bookings*} as in cal-api-version 2024-08-13 (CALCOM.md §3). */
final class BookingsEndpoint {
    static final String SLOT_TAKEN = "User either already has booking at this time or is not available";
    private static final Set<String> STATUSES = Set.of("upcoming", "recurring", "past", "cancelled", "unconfirmed");

    private final FakeCalendarState state;

    BookingsEndpoint(FakeCalendarState state) {
        this.state = state;
    }

    FakeResponse create(FakeRequest request) {
        ObjectNode body = parseObject(request.body());
        onlyWhitelisted(body, CREATE_FIELDS);
        Instant start = start(body);
        var eventType = eventTypeOf(body);
        attendee(body.get("attendee"));
        var metadata = metadata(body.get("metadata"));
        if (!start.isAfter(state.now())) {
            throw CalComError.badRequest("Attempting to book a meeting in the past.");
        }
        if (!state.isFree(eventType, start, null)) {
            throw CalComError.badRequest(SLOT_TAKEN);
        }
        var attendee = body.get("attendee");
        var booking = state.store(
                eventType,
                start,
                attendee.get("name").asText(),
                attendee.path("email").asText(null),
                attendee.get("timeZone").asText(),
                metadata,
                null);
        return new FakeResponse(201, FakeJson.success(render(booking)));
    }

    FakeResponse one(String uid) {
        return new FakeResponse(200, FakeJson.success(render(existing(uid))));
    }

    /**
     * Requires authentication. Filters: afterStart (start ≥), beforeEnd (end ≤), status, attendeeEmail,
     * eventTypeId(s), bookingUid; sortStart; take 1..250 (default 100), skip ≥ 0.
     */
    FakeResponse list(FakeRequest request) {
        if (request.apiKeyOwner() == null) {
            throw CalComError.forbidden("PermissionsGuard - no authentication provided.");
        }
        Instant afterStart = instant(request.param("afterStart"), "afterStart");
        Instant beforeEnd = instant(request.param("beforeEnd"), "beforeEnd");
        int take = integer(request.param("take"), 100, 1, 250, "take");
        int skip = integer(request.param("skip"), 0, 0, Integer.MAX_VALUE, "skip");
        var statuses = request.param("status") == null
                ? Set.<String>of()
                : Set.of(request.param("status").split(","));
        if (!STATUSES.containsAll(statuses)) {
            throw CalComError.badRequest(
                    "Invalid status. Allowed are upcoming, recurring, past, cancelled, unconfirmed");
        }
        Comparator<FakeBooking> order = Comparator.comparing(FakeBooking::start);
        var matching = state.bookings().stream()
                .filter(b -> afterStart == null || !b.start().isBefore(afterStart))
                .filter(b -> beforeEnd == null || !b.end().isAfter(beforeEnd))
                .filter(b -> statuses.isEmpty() || statuses.stream().anyMatch(s -> hasStatus(b, s)))
                .filter(b -> request.param("attendeeEmail") == null
                        || request.param("attendeeEmail").equals(b.attendeeEmail()))
                .filter(b -> request.param("bookingUid") == null
                        || request.param("bookingUid").equals(b.uid()))
                .filter(b -> eventTypeMatches(request, b))
                .sorted("desc".equals(request.param("sortStart")) ? order.reversed() : order)
                .toList();
        var page = matching.stream().skip(skip).limit(take).map(this::render).toList();
        var response = FakeJson.success(page);
        int total = matching.size();
        response.putObject("pagination")
                .put("itemsReturned", page.size())
                .put("totalItems", total)
                .put("itemsPerPage", take)
                .put("remainingItems", Math.max(0, total - skip - page.size()))
                .put("currentPage", skip / take + 1)
                .put("totalPages", (total + take - 1) / take)
                .put("hasNextPage", skip + page.size() < total)
                .put("hasPreviousPage", skip > 0);
        return new FakeResponse(200, response);
    }

    /** Core refuses a second cancel, and a host cancelling without a reason (handleCancelBooking). */
    FakeResponse cancel(FakeRequest request, String uid) {
        ObjectNode body = parseObject(request.body());
        onlyWhitelisted(body, CANCEL_FIELDS);
        var booking = existing(uid);
        if (booking.status().equals("cancelled")) {
            throw CalComError.badRequest("This booking has already been cancelled.");
        }
        String reason = body.path("cancellationReason").asText(null);
        if (reason == null && booking.hostUsername().equals(request.apiKeyOwner())) {
            throw CalComError.badRequest("Cancellation reason is required when you are the host");
        }
        var cancelled = booking.cancelled(reason, state.now());
        state.replace(cancelled);
        return new FakeResponse(200, FakeJson.success(render(cancelled)));
    }

    /** A new booking with a new uid and {@code rescheduledFromUid}; the old one is cancelled. Its own time stays free. */
    FakeResponse reschedule(FakeRequest request, String uid) {
        ObjectNode body = parseObject(request.body());
        onlyWhitelisted(body, RESCHEDULE_FIELDS);
        Instant start = start(body);
        var old = existing(uid);
        if (!old.live()) {
            throw CalComError.badRequest("Can't reschedule a booking that is " + old.status());
        }
        var eventType = state.eventType(old.eventTypeId()).orElseThrow();
        if (!start.isAfter(state.now())) {
            throw CalComError.badRequest("Attempting to book a meeting in the past.");
        }
        if (!state.isFree(eventType, start, old.uid())) {
            throw CalComError.badRequest(SLOT_TAKEN);
        }
        String reason = body.path("reschedulingReason").asText(null);
        var moved = state.store(
                eventType,
                start,
                old.attendeeName(),
                old.attendeeEmail(),
                old.attendeeTimeZone(),
                old.metadata(),
                old.uid());
        state.replace(old.rescheduledTo(moved.uid(), reason, state.now()));
        return new FakeResponse(201, FakeJson.success(render(moved)));
    }

    private FakeCalendarState.EventType eventTypeOf(JsonNode body) {
        var id = body.get("eventTypeId");
        if (id != null) {
            if (!id.canConvertToLong()) {
                throw CalComError.badRequest("eventTypeId property is wrong,eventTypeId must be an integer number");
            }
            return state.eventType(id.asLong())
                    .orElseThrow(() -> CalComError.notFound("Event type with id " + id.asLong() + " not found."));
        }
        var slug = body.path("eventTypeSlug").asText(null);
        var username = body.path("username").asText(null);
        if (slug == null || username == null) {
            throw CalComError.badRequest(
                    "Either eventTypeId or eventTypeSlug + username or eventTypeSlug + teamSlug must be provided");
        }
        return state.eventType(slug, username)
                .orElseThrow(() -> CalComError.notFound("Event type with slug " + slug + " not found."));
    }

    private FakeBooking existing(String uid) {
        return state.booking(uid).orElseThrow(() -> CalComError.notFound("Booking with uid=" + uid + " not found"));
    }

    private boolean hasStatus(FakeBooking b, String status) {
        Instant now = state.now();
        return switch (status) {
            case "upcoming" -> b.live() && b.end().isAfter(now);
            case "past" -> !b.status().equals("cancelled") && !b.end().isAfter(now);
            case "cancelled" -> b.status().equals("cancelled") || b.status().equals("rejected");
            case "unconfirmed" -> b.status().equals("pending");
            default -> false;
        };
    }

    private static boolean eventTypeMatches(FakeRequest request, FakeBooking b) {
        String ids =
                request.param("eventTypeIds") != null ? request.param("eventTypeIds") : request.param("eventTypeId");
        return ids == null || List.of(ids.split(",")).contains(Long.toString(b.eventTypeId()));
    }

    private static Instant instant(String text, String name) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw CalComError.badRequest(name + " must be a valid ISO 8601 date string");
        }
    }

    static int integer(String text, int defaultValue, int min, int max, String name) {
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw CalComError.badRequest(name + " must not be less than " + min
                        + (max < Integer.MAX_VALUE ? " or greater than " + max : ""));
            }
            return value;
        } catch (NumberFormatException e) {
            throw CalComError.badRequest(name + " must be an integer number");
        }
    }

    private ObjectNode render(FakeBooking booking) {
        var eventType = state.eventType(booking.eventTypeId()).orElseThrow();
        return FakeJson.booking(booking, eventType, state.hostOf(eventType));
    }
}
