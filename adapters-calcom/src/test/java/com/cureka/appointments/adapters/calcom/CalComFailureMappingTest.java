package com.cureka.appointments.adapters.calcom;

import com.cureka.appointments.adapters.calcom.fake.FakeCalCom;
import com.cureka.appointments.application.port.calendar.CalendarGateway.CalendarLookup;
import com.cureka.appointments.application.port.calendar.CalendarResult;
import com.cureka.appointments.application.port.calendar.FreeStarts;
import com.cureka.appointments.domain.kernel.AppointmentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalTime;

import static com.cureka.appointments.adapters.calcom.CalComFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/** How Cal.com's answers, silences and failures become the port's results (CALCOM.md "Map answers"). */
class CalComFailureMappingTest {
    private final FakeCalCom calcom = fakeWithDoctor(CLOCK);
    private final CalComCalendarGateway gateway = new CalComCalendarGateway(settings(calcom));

    @AfterEach
    void stop() {
        calcom.close();
    }

    @Test
    void a_slot_cal_com_answers_400_for_is_taken() {
        calcom.markBusy(USERNAME, slot(0).start(), slot(0).end());

        var result = gateway.book(request(newNumber(), slot(0)));

        assertThat(result)
                .isInstanceOfSatisfying(
                        CalendarResult.SlotTaken.class,
                        taken -> assertThat(taken.reason()).contains("already has booking at this time"));
    }

    @Test
    void refused_credentials_are_unavailable_and_logged_as_a_configuration_error() {
        var wrongKey =
                new CalComCalendarGateway(CalComSettings.of("cal_live_wrong", calcom.baseUrl(), Duration.ofSeconds(1)));
        try (var logs = new LogCapture()) {
            var result = wrongKey.book(request(newNumber(), slot(1)));

            assertThat(result).isInstanceOfSatisfying(CalendarResult.Unavailable.class, u -> {
                assertThat(u.outcomeUnknown()).isFalse();
                assertThat(u.reason()).contains("401");
            });
            assertThat(logs.errors())
                    .anySatisfy(line ->
                            assertThat(line).contains("CONFIGURATION ERROR").contains("CAL_COM_API_KEY"));
        }
        assertThat(calcom.liveBookings()).isEmpty();
    }

    @Test
    void a_rate_limit_is_unavailable_with_the_wait_cal_com_asks_for() {
        calcom.rateLimitNext();

        var result = gateway.book(request(newNumber(), slot(2)));

        assertThat(result).isInstanceOfSatisfying(CalendarResult.Unavailable.class, u -> {
            assertThat(u.outcomeUnknown()).isFalse();
            assertThat(u.retryAfter()).isEqualTo(Duration.ofSeconds(60));
        });
        assertThat(calcom.calls("POST", "/v2/bookings")).hasSize(1);
    }

    @Test
    void a_server_error_on_a_create_is_unavailable_and_known_not_to_have_booked() {
        calcom.failNext(500);

        var result = gateway.book(request(newNumber(), slot(3)));

        assertThat(result)
                .isInstanceOfSatisfying(
                        CalendarResult.Unavailable.class,
                        u -> assertThat(u.outcomeUnknown()).isFalse());
        assertThat(calcom.calls("POST", "/v2/bookings"))
                .as("a create is never retried")
                .hasSize(1);
    }

    @Test
    void a_create_slower_than_the_timeout_is_unavailable_with_an_unknown_outcome_within_the_timeout() {
        gateway.freeStarts(
                DOCTOR, AppointmentType.CONSULTATION, DAY, DAY); // warm up: class loading is not what we time
        calcom.delayNext(Duration.ofSeconds(3));
        long started = System.nanoTime();

        var result = gateway.book(request(newNumber(), slot(4)));

        var elapsed = Duration.ofNanos(System.nanoTime() - started);
        assertThat(result)
                .isInstanceOfSatisfying(
                        CalendarResult.Unavailable.class,
                        u -> assertThat(u.outcomeUnknown()).isTrue());
        assertThat(elapsed).isLessThan(Duration.ofMillis(1000 + 400));
        assertThat(calcom.calls("POST", "/v2/bookings")).hasSize(1);
    }

    @Test
    void a_connection_dropped_after_cal_com_stored_the_booking_is_an_unknown_outcome_that_a_lookup_settles() {
        var number = newNumber();
        calcom.dropConnectionAfterStoringNext();

        var result = gateway.book(request(number, slot(5)));

        assertThat(result)
                .isInstanceOfSatisfying(
                        CalendarResult.Unavailable.class,
                        u -> assertThat(u.outcomeUnknown()).isTrue());
        assertThat(calcom.calls("POST", "/v2/bookings")).hasSize(1);
        var found = gateway.bookingFor(number, DOCTOR, slot(5));
        assertThat(found)
                .isInstanceOfSatisfying(
                        CalendarLookup.Found.class,
                        f -> assertThat(f.bookings()).singleElement().satisfies(b -> {
                            assertThat(b.number()).isEqualTo(number);
                            assertThat(b.bookingId())
                                    .isEqualTo(calcom.liveBookings().getFirst().uid());
                        }));
    }

    @Test
    void a_request_dropped_before_cal_com_acted_is_still_an_unknown_outcome_and_nothing_is_stored() {
        var number = newNumber();
        calcom.hangNext(Duration.ofMillis(100));

        var result = gateway.book(request(number, slot(6)));

        assertThat(result)
                .isInstanceOfSatisfying(
                        CalendarResult.Unavailable.class,
                        u -> assertThat(u.outcomeUnknown())
                                .as("the request was sent")
                                .isTrue());
        assertThat(gateway.bookingFor(number, DOCTOR, slot(6)))
                .isInstanceOfSatisfying(
                        CalendarLookup.Found.class,
                        f -> assertThat(f.bookings()).isEmpty());
    }

    @Test
    void cal_com_not_listening_is_unavailable_and_known_not_to_have_booked() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var nobody = new CalComCalendarGateway(
                CalComSettings.of("cal_test_x", "http://127.0.0.1:" + closedPort + "/v2", Duration.ofSeconds(1)));

        var result = nobody.book(request(newNumber(), slot(7)));

        assertThat(result)
                .isInstanceOfSatisfying(
                        CalendarResult.Unavailable.class,
                        u -> assertThat(u.outcomeUnknown()).isFalse());
    }

    @Test
    void an_event_type_cal_com_does_not_know_makes_slots_unavailable_and_is_logged() {
        calcom.close();
        try (var bare = FakeCalCom.start(CLOCK);
                var logs = new LogCapture()) {
            bare.addHost(USERNAME, "Gregory House", ROME, LocalTime.of(9, 0), LocalTime.of(17, 0));
            var gatewayOnBare = new CalComCalendarGateway(settings(bare));

            var free = gatewayOnBare.freeStarts(DOCTOR, AppointmentType.CONSULTATION, DAY, DAY);

            assertThat(free).isInstanceOf(FreeStarts.Unavailable.class);
            assertThat(bare.calls("GET", "/v2/slots"))
                    .as("a 404 is not retried")
                    .hasSize(1);
            assertThat(logs.errors())
                    .anySatisfy(line ->
                            assertThat(line).contains("CONFIGURATION ERROR").contains("event type 101"));
        }
    }

    @Test
    void a_server_error_on_a_lookup_after_every_retry_is_unavailable() {
        calcom.failNext(503, 3);

        var found = gateway.bookingsWithAppointmentNumbers(NOW, NOW.plus(Duration.ofDays(10)));

        assertThat(found).isInstanceOf(CalendarLookup.Unavailable.class);
        assertThat(calcom.calls("GET", "/v2/bookings")).hasSize(3);
    }

    @Test
    void cancelling_a_booking_cal_com_already_cancelled_counts_as_cancelled() {
        var booked = (CalendarResult.Booked) gateway.book(request(newNumber(), slot(8)));
        gateway.cancel(booked.booking().bookingId(), "first");

        var again = gateway.cancel(booked.booking().bookingId(), "second");

        assertThat(again)
                .isInstanceOfSatisfying(
                        CalendarResult.Booked.class,
                        b -> assertThat(b.booking().cancelled()).isTrue());
    }

    @Test
    void rescheduling_onto_a_taken_slot_is_slot_taken_and_keeps_the_booking() {
        var first = (CalendarResult.Booked) gateway.book(request(newNumber(), slot(9)));
        gateway.book(request(newNumber(), slot(10)));

        var moved = gateway.reschedule(first.booking().bookingId(), slot(10), null);

        assertThat(moved).isInstanceOf(CalendarResult.SlotTaken.class);
        assertThat(calcom.booking(first.booking().bookingId()).orElseThrow().live())
                .isTrue();
    }
}
