package com.cureka.appointments.testkit.calendar;

import com.cureka.appointments.application.port.calendar.CalendarBooking;
import com.cureka.appointments.application.port.calendar.CalendarBookingRequest;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.calendar.CalendarGateway.CalendarLookup;
import com.cureka.appointments.application.port.calendar.CalendarResult;
import com.cureka.appointments.application.port.calendar.FreeStarts;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What any {@link CalendarGateway} must do, stated once. An adapter's test extends this class and gives it a
 * gateway, a doctor set up in the backing calendar (free on {@link #freeDay()} from the start of the doctor's
 * working hours, for at least ten consecutive appointments of {@link #type()}), and a way to mark a time busy there.
 * Each test expects a fresh backing calendar (JUnit makes a new instance per test: set it up in a
 * {@code @BeforeEach}).
 *
 * <p>A calendar that adds no constraint of its own (the built-in one: our database decides) declares it
 * with {@link #detectsConflicts()}; one that keeps no bookings (answers at once, nothing to find again) is
 * recognised by {@link CalendarGateway#isExternal()} being false, see {@link #remembersBookings()}.
 */
public abstract class CalendarGatewayContract {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** The gateway under test, fresh for each test. */
    protected abstract CalendarGateway gateway();

    /** A doctor the gateway can book (for an external calendar: with its account and event types). */
    protected abstract Doctor doctor();

    /** A future day on which the doctor is free in the backing calendar. */
    protected abstract LocalDate freeDay();

    /** Makes the slot busy in the backing calendar (another meeting there); may do nothing if it has none. */
    protected abstract void markBusy(Doctor doctor, TimeSlot slot);

    /** False for a calendar that accepts any time (our database then prevents double booking). */
    protected boolean detectsConflicts() {
        return true;
    }

    /** Whether bookings can be found again; a calendar that is not external confirms at once and keeps nothing. */
    protected boolean remembersBookings() {
        return gateway().isExternal();
    }

    protected AppointmentType type() {
        return AppointmentType.CONSULTATION;
    }

    protected Patient patient() {
        return new Patient(
                new PatientId(UUID.nameUUIDFromBytes("contract-patient".getBytes())),
                "Pat Contract",
                "pat.contract@example.com");
    }

    // ---- booking ----

    @Test
    void a_free_slot_is_booked_at_the_slot_asked_for() {
        var slot = slot(0);

        var result = gateway().book(request(newNumber(), slot));

        assertThat(result).isInstanceOf(CalendarResult.Booked.class);
        var booking = ((CalendarResult.Booked) result).booking();
        assertThat(booking.slot()).isEqualTo(slot);
        assertThat(booking.cancelled()).isFalse();
        if (remembersBookings()) {
            assertThat(booking.bookingId())
                    .as("an external booking has an id to cancel it by")
                    .isNotBlank();
        }
    }

    @Test
    void the_same_slot_cannot_be_booked_twice() {
        assumeTrue(detectsConflicts(), "this calendar leaves double booking to our database");
        var slot = slot(1);
        assertThat(gateway().book(request(newNumber(), slot))).isInstanceOf(CalendarResult.Booked.class);

        var second = gateway().book(request(newNumber(), slot));

        assertThat(second).isInstanceOf(CalendarResult.SlotTaken.class);
    }

    @Test
    void a_time_busy_in_the_calendar_cannot_be_booked() {
        assumeTrue(detectsConflicts(), "this calendar leaves double booking to our database");
        var slot = slot(2);
        markBusy(doctor(), slot);

        assertThat(gateway().book(request(newNumber(), slot))).isInstanceOf(CalendarResult.SlotTaken.class);
    }

    // ---- cancelling and moving ----

    @Test
    void a_cancelled_booking_is_no_longer_live_and_frees_its_slot() {
        var slot = slot(3);
        var number = newNumber();
        var booking = booked(number, slot);

        var result = gateway().cancel(booking.bookingId(), "The patient cannot come");

        assertThat(result).isInstanceOf(CalendarResult.Booked.class);
        if (remembersBookings()) {
            assertThat(liveBookingsFor(number, slot)).isEmpty();
        }
        assertThat(gateway().book(request(newNumber(), slot))).isInstanceOf(CalendarResult.Booked.class);
    }

    @Test
    void cancelling_a_booking_the_calendar_does_not_know_counts_as_cancelled() {
        var result = gateway().cancel("no-such-booking-" + UUID.randomUUID(), "Tidying up");

        assertThat(result).isInstanceOf(CalendarResult.Booked.class);
    }

    @Test
    void a_rescheduled_booking_is_at_the_new_slot() {
        var number = newNumber();
        var booking = booked(number, slot(4));
        var newSlot = slot(5);

        var result = gateway().reschedule(booking.bookingId(), newSlot, "The doctor is late");

        assertThat(result).isInstanceOf(CalendarResult.Booked.class);
        var moved = ((CalendarResult.Booked) result).booking();
        assertThat(moved.slot().start()).isEqualTo(newSlot.start());
        assertThat(moved.cancelled()).isFalse();
        if (remembersBookings()) {
            assertThat(liveBookingsFor(number, newSlot))
                    .extracting(CalendarBooking::bookingId)
                    .containsExactly(moved.bookingId());
            assertThat(liveBookingsFor(number, slot(4))).isEmpty();
        }
    }

    // ---- free starts ----

    @Test
    void free_starts_are_known_or_unconstrained_and_lie_in_the_days_asked() {
        var day = freeDay();

        var free = gateway().freeStarts(doctor(), type(), day, day);

        assertThat(free).isInstanceOfAny(FreeStarts.Known.class, FreeStarts.Unconstrained.class);
        if (free instanceof FreeStarts.Known known) {
            assertThat(known.starts()).contains(slot(6).start());
            var zone = doctor().schedule().zone();
            assertThat(known.starts())
                    .allSatisfy(start ->
                            assertThat(LocalDate.ofInstant(start, zone)).isEqualTo(day));
        }
    }

    @Test
    void free_starts_never_include_a_busy_start() {
        var busy = slot(7);
        markBusy(doctor(), busy);

        var free = gateway().freeStarts(doctor(), type(), freeDay(), freeDay());

        assertThat(free).isInstanceOfAny(FreeStarts.Known.class, FreeStarts.Unconstrained.class);
        if (free instanceof FreeStarts.Known known) {
            assertThat(known.starts()).doesNotContain(busy.start());
        }
    }

    @Test
    void a_booked_start_is_no_longer_free() {
        var slot = slot(8);
        booked(newNumber(), slot);

        var free = gateway().freeStarts(doctor(), type(), freeDay(), freeDay());

        assertThat(free).isInstanceOfAny(FreeStarts.Known.class, FreeStarts.Unconstrained.class);
        if (free instanceof FreeStarts.Known known) {
            assertThat(known.starts()).doesNotContain(slot.start()).contains(slot(9).start());
        }
    }

    // ---- finding bookings again by our appointment number ----

    @Test
    void a_booking_is_found_again_by_our_appointment_number() {
        assumeTrue(remembersBookings(), "this calendar keeps no bookings");
        var number = newNumber();
        var slot = slot(9);
        var booking = booked(number, slot);

        var found = gateway().bookingFor(number, doctor(), slot);

        assertThat(found).isInstanceOf(CalendarLookup.Found.class);
        assertThat(((CalendarLookup.Found) found).bookings()).singleElement().satisfies(b -> {
            assertThat(b.bookingId()).isEqualTo(booking.bookingId());
            assertThat(b.number()).isEqualTo(number);
            assertThat(b.slot()).isEqualTo(slot);
            assertThat(b.cancelled()).isFalse();
        });
    }

    @Test
    void bookings_with_our_numbers_are_listed_for_the_window_they_start_in() {
        assumeTrue(remembersBookings(), "this calendar keeps no bookings");
        var number = newNumber();
        var slot = slot(0);
        booked(number, slot);
        var dayStart = doctor().schedule().startOf(freeDay());
        var dayEnd = doctor().schedule().startOf(freeDay().plusDays(1));

        var inWindow = gateway().bookingsWithAppointmentNumbers(dayStart, dayEnd);
        var dayAfter = gateway().bookingsWithAppointmentNumbers(dayEnd, dayEnd.plus(Duration.ofDays(1)));

        assertThat(inWindow).isInstanceOf(CalendarLookup.Found.class);
        assertThat(((CalendarLookup.Found) inWindow).bookings())
                .extracting(CalendarBooking::number)
                .contains(number);
        assertThat(dayAfter).isInstanceOf(CalendarLookup.Found.class);
        assertThat(((CalendarLookup.Found) dayAfter).bookings())
                .extracting(CalendarBooking::number)
                .doesNotContain(number);
    }

    @Test
    void an_appointment_number_never_booked_is_found_nowhere() {
        var number = newNumber();

        var found = gateway().bookingFor(number, doctor(), slot(6));

        assertThat(found).isInstanceOf(CalendarLookup.Found.class);
        assertThat(((CalendarLookup.Found) found).bookings()).isEmpty();
    }

    // ---- helpers for subclasses and specs ----

    /**
     * The n-th appointment of {@link #type()} on {@link #freeDay()}, back to back from the start of the
     * doctor's first working period.
     */
    protected TimeSlot slot(int n) {
        var length = type().standardLength();
        var first = doctor().schedule().slotsOn(freeDay(), length).getFirst().start();
        return TimeSlot.of(first.plus(length.multipliedBy(n)), length);
    }

    protected AppointmentNumber newNumber() {
        return new AppointmentNumber("AID", freeDay().minusDays(3), SEQUENCE.incrementAndGet());
    }

    protected CalendarBookingRequest request(AppointmentNumber number, TimeSlot slot) {
        return new CalendarBookingRequest(number, doctor(), patient(), type(), slot, null);
    }

    private CalendarBooking booked(AppointmentNumber number, TimeSlot slot) {
        var result = gateway().book(request(number, slot));
        assertThat(result).as("booking %s at %s", number, slot.start()).isInstanceOf(CalendarResult.Booked.class);
        return ((CalendarResult.Booked) result).booking();
    }

    private List<CalendarBooking> liveBookingsFor(AppointmentNumber number, TimeSlot slot) {
        var found = gateway().bookingFor(number, doctor(), slot);
        assertThat(found).isInstanceOf(CalendarLookup.Found.class);
        return ((CalendarLookup.Found) found)
                .bookings().stream()
                        .filter(b -> !b.cancelled() && b.slot().start().equals(slot.start()))
                        .toList();
    }
}
