package com.cureka.appointments.adapters.calcom;

import com.cureka.appointments.adapters.calcom.fake.FakeCalCom;
import com.cureka.appointments.application.port.calendar.CalendarResult;
import com.cureka.appointments.application.port.calendar.FreeStarts;
import com.cureka.appointments.domain.kernel.AppointmentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.cureka.appointments.adapters.calcom.CalComFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Retries for reads only, with backoff, within the timeout; a circuit breaker that stops calling a failing Cal.com. */
class CalComResilienceTest {
    private final FakeCalCom calcom = fakeWithDoctor(CLOCK);

    @AfterEach
    void stop() {
        calcom.close();
    }

    @Test
    void a_read_that_fails_once_is_retried_after_a_pause_and_answers() {
        var gateway = new CalComCalendarGateway(settings(calcom).withReadRetries(3, Duration.ofMillis(150)));
        calcom.failNext(500);

        var free = gateway.freeStarts(DOCTOR, AppointmentType.CONSULTATION, DAY, DAY);

        assertThat(free).isInstanceOf(FreeStarts.Known.class);
        var calls = calcom.calls("GET", "/v2/slots");
        assertThat(calls).hasSize(2);
        assertThat(Duration.between(calls.get(0).receivedAt(), calls.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void a_read_that_times_out_is_retried_within_the_overall_timeout() {
        var gateway = new CalComCalendarGateway(settings(calcom));
        gateway.freeStarts(
                DOCTOR, AppointmentType.CONSULTATION, DAY, DAY); // warm up: class loading is not what we time
        calcom.clearCalls();
        calcom.hangNext(Duration.ofSeconds(3));
        long started = System.nanoTime();

        var free = gateway.freeStarts(DOCTOR, AppointmentType.CONSULTATION, DAY, DAY);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1000 + 400));
        assertThat(free).isInstanceOf(FreeStarts.Unavailable.class);
        assertThat(calcom.calls("GET", "/v2/slots"))
                .as("no time was left for a retry")
                .hasSize(1);
    }

    @Test
    void creates_cancels_and_moves_are_never_retried() {
        var gateway = new CalComCalendarGateway(settings(calcom));
        var booked = (CalendarResult.Booked) gateway.book(request(newNumber(), slot(0)));
        calcom.clearCalls();
        calcom.failNext(502, 3);

        gateway.book(request(newNumber(), slot(1)));
        gateway.reschedule(booked.booking().bookingId(), slot(2), null);
        gateway.cancel(booked.booking().bookingId(), "no longer needed");

        assertThat(calcom.calls())
                .extracting(c -> c.method() + " " + c.path())
                .containsExactly(
                        "POST /v2/bookings",
                        "POST /v2/bookings/" + booked.booking().bookingId() + "/reschedule",
                        "POST /v2/bookings/" + booked.booking().bookingId() + "/cancel");
    }

    @Test
    void after_repeated_failures_the_circuit_opens_and_answers_at_once_without_calling_cal_com() {
        var gateway = new CalComCalendarGateway(settings(calcom).withCircuitBreaker(4, 4, Duration.ofMinutes(1)));
        calcom.failNext(500, 4);
        for (int i = 0; i < 4; i++) {
            assertThat(gateway.book(request(newNumber(), slot(i)))).isInstanceOf(CalendarResult.Unavailable.class);
        }
        calcom.clearCalls();
        long started = System.nanoTime();

        var result = gateway.book(request(newNumber(), slot(5)));
        var free = gateway.freeStarts(DOCTOR, AppointmentType.CONSULTATION, DAY, DAY);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(100));
        assertThat(result).isInstanceOfSatisfying(CalendarResult.Unavailable.class, u -> {
            assertThat(u.outcomeUnknown()).isFalse();
            assertThat(u.reason()).contains("circuit");
            assertThat(u.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        });
        assertThat(free).isInstanceOf(FreeStarts.Unavailable.class);
        assertThat(calcom.calls()).isEmpty();
    }

    @Test
    void refusals_of_a_slot_do_not_open_the_circuit() {
        var gateway = new CalComCalendarGateway(settings(calcom).withCircuitBreaker(4, 4, Duration.ofMinutes(1)));
        calcom.markBusy(USERNAME, slot(0).start(), slot(0).end());
        for (int i = 0; i < 5; i++) {
            assertThat(gateway.book(request(newNumber(), slot(0)))).isInstanceOf(CalendarResult.SlotTaken.class);
        }

        assertThat(gateway.book(request(newNumber(), slot(1)))).isInstanceOf(CalendarResult.Booked.class);
    }
}
