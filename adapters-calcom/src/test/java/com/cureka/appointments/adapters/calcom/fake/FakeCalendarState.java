package com.cureka.appointments.adapters.calcom.fake;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the fake Cal.com knows: hosts with their working hours, event types, busy times from connected
 * calendars, and bookings. Slots are computed from these, so a booking makes its time unavailable.
 */
final class FakeCalendarState {
    record Host(
            long id, String username, String name, String email, ZoneId zone, LocalTime dayStart, LocalTime dayEnd) {}

    /** {@code location} is a URL, or an integration such as {@code integrations:daily} (then the video URL is in metadata). */
    record EventType(long id, String slug, String title, int lengthMinutes, String hostUsername, String location) {
        Duration length() {
            return Duration.ofMinutes(lengthMinutes);
        }
    }

    private record Busy(String username, Instant from, Instant to) {}

    private static final String UID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<Long, EventType> eventTypes = new LinkedHashMap<>();
    private final List<Busy> busy = new ArrayList<>();
    private final Map<String, FakeBooking> bookings = new LinkedHashMap<>();
    private long nextBookingId = 1000;

    FakeCalendarState(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    synchronized void addHost(String username, String name, ZoneId zone, LocalTime dayStart, LocalTime dayEnd) {
        hosts.put(
                username,
                new Host(hosts.size() + 1, username, name, username + "@example.com", zone, dayStart, dayEnd));
    }

    synchronized void addEventType(EventType eventType) {
        if (!hosts.containsKey(eventType.hostUsername())) {
            throw new IllegalArgumentException("no host " + eventType.hostUsername());
        }
        eventTypes.put(eventType.id(), eventType);
    }

    synchronized void markBusy(String username, Instant from, Instant to) {
        busy.add(new Busy(username, from, to));
    }

    synchronized Optional<Host> host(String username) {
        return Optional.ofNullable(hosts.get(username));
    }

    synchronized Optional<EventType> eventType(long id) {
        return Optional.ofNullable(eventTypes.get(id));
    }

    synchronized Optional<EventType> eventType(String slug, String username) {
        return eventTypes.values().stream()
                .filter(e -> e.slug().equals(slug) && e.hostUsername().equals(username))
                .findFirst();
    }

    synchronized Host hostOf(EventType eventType) {
        return hosts.get(eventType.hostUsername());
    }

    /** Starts in [from, to] that lie in the host's working hours, in the future, clear of bookings and busy times. */
    synchronized List<Instant> freeStarts(EventType eventType, Instant from, Instant to, String ignoredBookingUid) {
        var host = hostOf(eventType);
        var starts = new ArrayList<Instant>();
        LocalDate last = LocalDate.ofInstant(to, host.zone()).plusDays(1);
        for (LocalDate day = LocalDate.ofInstant(from, host.zone()).minusDays(1);
                !day.isAfter(last);
                day = day.plusDays(1)) {
            Instant dayEnd = day.atTime(host.dayEnd()).atZone(host.zone()).toInstant();
            Instant start = day.atTime(host.dayStart()).atZone(host.zone()).toInstant();
            for (; !start.plus(eventType.length()).isAfter(dayEnd); start = start.plus(eventType.length())) {
                if (!start.isBefore(from) && !start.isAfter(to) && isFree(eventType, start, ignoredBookingUid)) {
                    starts.add(start);
                }
            }
        }
        return starts;
    }

    /** Inside working hours, not in the past, and clear of the host's live bookings and busy times. */
    synchronized boolean isFree(EventType eventType, Instant start, String ignoredBookingUid) {
        var host = hostOf(eventType);
        Instant end = start.plus(eventType.length());
        var local = start.atZone(host.zone());
        boolean inHours = !local.toLocalTime().isBefore(host.dayStart())
                && !end.isAfter(local.toLocalDate()
                        .atTime(host.dayEnd())
                        .atZone(host.zone())
                        .toInstant());
        boolean clear = bookings.values().stream()
                        .noneMatch(b -> b.live()
                                && b.hostUsername().equals(host.username())
                                && !b.uid().equals(ignoredBookingUid)
                                && b.overlaps(start, end))
                && busy.stream()
                        .noneMatch(b -> b.username().equals(host.username())
                                && b.from().isBefore(end)
                                && start.isBefore(b.to()));
        return inHours && clear && start.isAfter(now());
    }

    synchronized FakeBooking store(
            EventType eventType,
            Instant start,
            String attendeeName,
            String attendeeEmail,
            String attendeeTimeZone,
            Map<String, String> metadata,
            String rescheduledFromUid) {
        String uid = newUid();
        String location = eventType.location().replace("{uid}", uid);
        var booking = new FakeBooking(
                nextBookingId++,
                uid,
                eventType.id(),
                eventType.hostUsername(),
                "accepted",
                start,
                start.plus(eventType.length()),
                attendeeName,
                attendeeEmail,
                attendeeTimeZone,
                metadata,
                location,
                null,
                null,
                rescheduledFromUid,
                null,
                now(),
                null);
        bookings.put(uid, booking);
        return booking;
    }

    synchronized void replace(FakeBooking booking) {
        bookings.put(booking.uid(), booking);
    }

    synchronized Optional<FakeBooking> booking(String uid) {
        return Optional.ofNullable(bookings.get(uid));
    }

    synchronized List<FakeBooking> bookings() {
        return bookings.values().stream()
                .sorted(Comparator.comparing(FakeBooking::start).thenComparing(FakeBooking::id))
                .toList();
    }

    synchronized void clear() {
        bookings.clear();
        busy.clear();
    }

    /** 22 characters like Cal.com's uids (e.g. "bFJeNb2uX8ANpT3JL5EfXw"). */
    private String newUid() {
        var uid = new StringBuilder();
        for (int i = 0; i < 22; i++) {
            uid.append(UID_ALPHABET.charAt(random.nextInt(UID_ALPHABET.length())));
        }
        return uid.toString();
    }
}
