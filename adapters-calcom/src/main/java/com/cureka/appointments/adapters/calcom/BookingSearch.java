package com.cureka.appointments.adapters.calcom;

import com.cureka.appointments.adapters.calcom.CalComClient.Outcome;
import com.cureka.appointments.application.port.calendar.CalendarBooking;
import com.cureka.appointments.application.port.calendar.CalendarGateway.CalendarLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds bookings through {@code GET /v2/bookings} (auth required), page by page. The time filters were
 * reported ignored (#18010), so every booking is checked here as well.
 */
final class BookingSearch {
    private static final Logger log = LoggerFactory.getLogger(BookingSearch.class);
    private static final int PAGE_SIZE = 250;
    private static final int MAX_PAGES = 40;

    private final CalComClient client;
    private final CalComFailures failures;
    private final BookingMapper mapper;

    BookingSearch(CalComClient client, CalComFailures failures, BookingMapper mapper) {
        this.client = client;
        this.failures = failures;
        this.mapper = mapper;
    }

    CalendarLookup find(Instant afterStart, Instant beforeEnd, Predicate<CalendarBooking> wanted) {
        var found = new ArrayList<CalendarBooking>();
        for (int page = 0; page < MAX_PAGES; page++) {
            var url = client.url("bookings")
                    .addQueryParameter("afterStart", CalComJson.format(afterStart))
                    .addQueryParameter("beforeEnd", CalComJson.format(beforeEnd))
                    .addQueryParameter("sortStart", "asc")
                    .addQueryParameter("take", Integer.toString(PAGE_SIZE))
                    .addQueryParameter("skip", Integer.toString(page * PAGE_SIZE))
                    .build();
            var outcome = client.get(url, CalComClient.BOOKINGS_VERSION);
            if (!(outcome instanceof Outcome.Answered answer && answer.ok())) {
                return new CalendarLookup.Unavailable(
                        failures.failure(outcome, "list bookings", false).reason());
            }
            CalComJson.BookingList list;
            try {
                list = CalComJson.MAPPER.readValue(answer.body(), CalComJson.BookingList.class);
            } catch (Exception e) {
                return new CalendarLookup.Unavailable("Cal.com answered a booking list we cannot read");
            }
            if (list.data() == null) {
                return new CalendarLookup.Unavailable("Cal.com answered a booking list without data");
            }
            list.data().stream()
                    .map(this::readable)
                    .flatMap(Optional::stream)
                    .filter(wanted)
                    .forEach(found::add);
            if (list.data().isEmpty()
                    || list.pagination() == null
                    || !list.pagination().hasNextPage()) {
                return new CalendarLookup.Found(found);
            }
        }
        // A partial list must not pass for the whole: reconcile would release holds whose booking exists.
        log.warn(
                "More than {} Cal.com bookings between {} and {}: the search is incomplete and counts as failed",
                MAX_PAGES * PAGE_SIZE,
                afterStart,
                beforeEnd);
        return new CalendarLookup.Unavailable("more than " + MAX_PAGES * PAGE_SIZE + " bookings in the window");
    }

    /** The booking with that uid, when Cal.com answers it. */
    Optional<CalendarBooking> byUid(String uid) {
        var outcome = client.get(client.url("bookings", uid).build(), CalComClient.BOOKINGS_VERSION);
        if (!(outcome instanceof Outcome.Answered answer && answer.ok())) {
            return Optional.empty();
        }
        try {
            var one = CalComJson.MAPPER.readValue(answer.body(), CalComJson.OneBooking.class);
            if (one.data() == null || !one.data().isObject()) {
                return Optional.empty();
            }
            return readable(CalComJson.MAPPER.treeToValue(one.data(), CalComJson.Booking.class));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Bookings other tools made may lack what we need; they are skipped, never fatal. */
    private Optional<CalendarBooking> readable(CalComJson.Booking booking) {
        try {
            return Optional.of(mapper.toCalendarBooking(booking));
        } catch (RuntimeException e) {
            log.debug("Skipping Cal.com booking {} we cannot read: {}", booking.uid(), e.getMessage());
            return Optional.empty();
        }
    }
}
