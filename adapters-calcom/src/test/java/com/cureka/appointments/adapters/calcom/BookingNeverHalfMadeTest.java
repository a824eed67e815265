package com.cureka.appointments.adapters.calcom;

import com.cureka.appointments.adapters.calcom.fake.FakeBooking;
import com.cureka.appointments.adapters.calcom.fake.FakeCalCom;
import com.cureka.appointments.application.appointment.BookAppointment;
import com.cureka.appointments.application.availability.AlternativeSlots;
import com.cureka.appointments.application.availability.SlotFinder;
import com.cureka.appointments.application.calendar.ReconcileWithCalendar;
import com.cureka.appointments.application.calendar.ReconcileWithCalendar.Report;
import com.cureka.appointments.application.memory.InMemoryAppointmentNumbers;
import com.cureka.appointments.application.memory.InMemoryAppointments;
import com.cureka.appointments.application.memory.InMemoryDoctors;
import com.cureka.appointments.application.memory.InProcessAvailabilityCache;
import com.cureka.appointments.application.port.appointment.AppointmentQuery;
import com.cureka.appointments.application.port.availability.BookingRateLimiter;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.booking.BookingPolicy;
import com.cureka.appointments.domain.booking.BookingRules;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.testkit.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.cureka.appointments.adapters.calcom.CalComFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reservation first, then Cal.com, then confirm or give up, and a reconcile run for what stayed unknown:
 * whatever Cal.com does, no booking is left half-made (no orphan in Cal.com, no lost appointment row).
 */
class BookingNeverHalfMadeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final MutableClock clock = new MutableClock(NOW);
    private final FakeCalCom calcom = fakeWithDoctor(clock);
    private final CalComCalendarGateway calendar = new CalComCalendarGateway(settings(calcom));
    private final InMemoryAppointments appointments = new InMemoryAppointments();
    private final InMemoryDoctors doctors = new InMemoryDoctors();
    private final InProcessAvailabilityCache cache = new InProcessAvailabilityCache(Duration.ofMinutes(1), clock);
    private final BookingPolicy policy = new BookingPolicy(BookingRules.STANDARD);
    private final BookAppointment bookAppointment = new BookAppointment(
            doctors,
            appointments,
            new InMemoryAppointmentNumbers("AID"),
            calendar,
            cache,
            BookingRateLimiter.UNLIMITED,
            new AlternativeSlots(new SlotFinder(appointments, calendar, cache, policy), appointments, policy),
            policy,
            ROME,
            clock);
    private final ReconcileWithCalendar reconcile =
            new ReconcileWithCalendar(appointments, doctors, calendar, cache, clock, TIMEOUT);

    BookingNeverHalfMadeTest() {
        doctors.add(DOCTOR);
    }

    @AfterEach
    void stop() {
        calcom.close();
    }

    @Test
    void a_booking_cal_com_accepts_is_scheduled_with_its_uid_and_links() {
        var result = book(0);

        assertThat(result).isInstanceOf(BookAppointment.Result.Booked.class);
        var appointment = onlyAppointment();
        assertThat(appointment.status()).isEqualTo(AppointmentStatus.SCHEDULED);
        assertThat(appointment.calendarBookingId()).isEqualTo(onlyLiveBooking().uid());
        assertThat(appointment.links().videoConferenceUrl())
                .isEqualTo("https://meet.example.com/" + appointment.calendarBookingId());
        assertThat(calcom.calls("POST", "/v2/bookings")).hasSize(1);
    }

    @Test
    void when_cal_com_fails_the_hold_is_discarded_and_nothing_is_left_anywhere() {
        calcom.failNext(500);

        var result = book(1);

        assertThat(result)
                .isInstanceOfSatisfying(
                        BookAppointment.Result.Rejected.class,
                        r -> assertThat(r.refusal().reason()).isInstanceOf(Rejection.CalendarUnavailable.class));
        assertThat(allAppointments()).isEmpty();
        assertThat(calcom.bookings()).isEmpty();
        assertThat(reconcile.run()).isEqualTo(new Report(0, 0, 0, 0));
    }

    @Test
    void when_cal_com_says_the_slot_is_taken_the_hold_is_discarded_and_other_times_are_offered() {
        calcom.markBusy(USERNAME, slot(2).start(), slot(2).end());

        var result = book(2);

        assertThat(result).isInstanceOfSatisfying(BookAppointment.Result.Rejected.class, r -> {
            assertThat(r.refusal().reason())
                    .isEqualTo(new Rejection.SlotUnavailable(Rejection.SlotUnavailable.Cause.CALENDAR_BUSY));
            assertThat(r.refusal().alternatives())
                    .isNotEmpty()
                    .noneMatch(s -> s.start().equals(slot(2).start()));
        });
        assertThat(allAppointments()).isEmpty();
    }

    @Test
    void when_the_create_times_out_after_cal_com_stored_it_the_hold_stays_and_reconcile_confirms_it() {
        calcom.delayNext(Duration.ofSeconds(3));

        var result = book(3);

        assertThat(result)
                .isInstanceOfSatisfying(
                        BookAppointment.Result.Rejected.class,
                        r -> assertThat(r.refusal().reason()).isInstanceOf(Rejection.CalendarUnavailable.class));
        assertThat(onlyAppointment().status())
                .as("the hold stays until settled")
                .isEqualTo(AppointmentStatus.PENDING);

        clock.advance(TIMEOUT.plusSeconds(1));
        var report = reconcile.run();

        assertThat(report).isEqualTo(new Report(1, 0, 0, 0));
        assertThat(onlyAppointment().status()).isEqualTo(AppointmentStatus.SCHEDULED);
        assertThat(onlyAppointment().calendarBookingId())
                .isEqualTo(onlyLiveBooking().uid());
    }

    @Test
    void when_the_create_times_out_before_cal_com_stored_it_the_hold_stays_and_reconcile_releases_it() {
        calcom.hangNext(Duration.ofSeconds(3));

        book(4);
        assertThat(onlyAppointment().status()).isEqualTo(AppointmentStatus.PENDING);

        clock.advance(TIMEOUT.plusSeconds(1));
        var report = reconcile.run();

        assertThat(report).isEqualTo(new Report(0, 1, 0, 0));
        assertThat(onlyAppointment().status())
                .as("released, and the row is kept")
                .isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(calcom.liveBookings()).isEmpty();
    }

    @Test
    void a_connection_dropped_after_cal_com_stored_the_booking_is_settled_by_reconcile() {
        calcom.dropConnectionAfterStoringNext();

        book(5);
        clock.advance(TIMEOUT.plusSeconds(1));
        var report = reconcile.run();

        assertThat(report).isEqualTo(new Report(1, 0, 0, 0));
        assertThat(onlyAppointment().calendarBookingId())
                .isEqualTo(onlyLiveBooking().uid());
    }

    @Test
    void a_cal_com_booking_with_our_metadata_but_no_appointment_is_cancelled_by_reconcile() {
        var orphan = calcom.storeBooking(
                CONSULTATION_EVENT,
                slot(6).start(),
                Map.of(
                        "appointmentNumber",
                        "AID-20300301-0777",
                        "doctorId",
                        DOCTOR.id().toString()));
        var foreign = calcom.storeBooking(CONSULTATION_EVENT, slot(7).start(), Map.of());

        var report = reconcile.run();

        assertThat(report).isEqualTo(new Report(0, 0, 1, 0));
        assertThat(calcom.booking(orphan.uid()).orElseThrow().live()).isFalse();
        assertThat(calcom.booking(foreign.uid()).orElseThrow().live())
                .as("not ours: left alone")
                .isTrue();
    }

    @Test
    void a_hold_still_within_the_timeout_is_not_settled_yet() {
        calcom.delayNext(Duration.ofSeconds(3));
        book(8);

        var report = reconcile.run();

        assertThat(report).isEqualTo(new Report(0, 0, 0, 0));
        assertThat(onlyAppointment().status()).isEqualTo(AppointmentStatus.PENDING);
        assertThat(calcom.liveBookings())
                .as("its booking is not taken for an orphan")
                .hasSize(1);
    }

    private BookAppointment.Result book(int slot) {
        return bookAppointment.book(new BookAppointment.Command(
                PATIENT, DOCTOR.id(), slot(slot).start(), AppointmentType.CONSULTATION, null));
    }

    private List<Appointment> allAppointments() {
        return appointments.page(new AppointmentQuery(null, DOCTOR.id(), null, null, null, 100, null));
    }

    private Appointment onlyAppointment() {
        assertThat(allAppointments()).hasSize(1);
        return allAppointments().getFirst();
    }

    private FakeBooking onlyLiveBooking() {
        assertThat(calcom.liveBookings()).hasSize(1);
        return calcom.liveBookings().getFirst();
    }
}
