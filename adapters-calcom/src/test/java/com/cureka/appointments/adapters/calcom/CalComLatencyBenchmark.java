package com.cureka.appointments.adapters.calcom;

import com.cureka.appointments.adapters.calcom.fake.FakeCalCom;
import com.cureka.appointments.application.appointment.BookAppointment;
import com.cureka.appointments.application.availability.AlternativeSlots;
import com.cureka.appointments.application.availability.FindAvailableSlots;
import com.cureka.appointments.application.availability.SlotFinder;
import com.cureka.appointments.application.memory.InMemoryAppointmentNumbers;
import com.cureka.appointments.application.memory.InMemoryAppointments;
import com.cureka.appointments.application.memory.InMemoryDoctors;
import com.cureka.appointments.application.memory.InProcessAvailabilityCache;
import com.cureka.appointments.application.port.availability.BookingRateLimiter;
import com.cureka.appointments.application.port.calendar.CalendarResult;
import com.cureka.appointments.domain.booking.BookingPolicy;
import com.cureka.appointments.domain.booking.BookingRules;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.cureka.appointments.adapters.calcom.CalComFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a timed test (surefire does not pick it up by name): prints what the adapter adds to Cal.com's own
 * latency, and how many Cal.com calls a booking and a slot listing make. Run with
 * {@code ./mvnw -B -pl adapters-calcom test -Dtest=CalComLatencyBenchmark}; the figures are in
 * {@code target/surefire-reports/*CalComLatencyBenchmark-output.txt}.
 */
class CalComLatencyBenchmark {
    private static final int BOOKINGS = 50;
    private static final Duration CAL_COM_LATENCY = Duration.ofMillis(100);

    @Test
    void adapter_overhead_and_calls_per_operation() {
        try (var calcom = fakeWithDoctor(CLOCK)) {
            calcom.setRateLimitPerMinute(10_000);
            var gateway = new CalComCalendarGateway(
                    CalComSettings.of(calcom.apiKey(), calcom.baseUrl(), Duration.ofSeconds(5)));
            for (int i = 0; i < 20; i++) { // warm-up: class loading and JIT are not what we measure
                gateway.book(request(newNumber(), slotOnDay(i % 16, 10)));
            }
            report("gateway.book, fake without latency", measure(gateway, 0, calcom, Duration.ZERO), Duration.ZERO);
            report("gateway.book, fake at 100 ms", measure(gateway, 4, calcom, CAL_COM_LATENCY), CAL_COM_LATENCY);
            countCalls(calcom, gateway);
        }
    }

    private static List<Duration> measure(
            CalComCalendarGateway gateway, int firstDay, FakeCalCom calcom, Duration latency) {
        calcom.setLatency(latency);
        var timings = new ArrayList<Duration>();
        for (int i = 0; i < BOOKINGS; i++) {
            long started = System.nanoTime();
            var result = gateway.book(request(newNumber(), slotOnDay(i % 16, firstDay + i / 16)));
            timings.add(Duration.ofNanos(System.nanoTime() - started));
            assertThat(result).isInstanceOf(CalendarResult.Booked.class);
        }
        calcom.setLatency(Duration.ZERO);
        return timings;
    }

    private static void countCalls(FakeCalCom calcom, CalComCalendarGateway gateway) {
        var appointments = new InMemoryAppointments();
        var doctors = new InMemoryDoctors();
        doctors.add(DOCTOR);
        var cache = new InProcessAvailabilityCache(Duration.ofMinutes(1), CLOCK);
        var policy = new BookingPolicy(BookingRules.STANDARD);
        var finder = new SlotFinder(appointments, gateway, cache, policy);
        var book = new BookAppointment(
                doctors,
                appointments,
                new InMemoryAppointmentNumbers("AID"),
                gateway,
                cache,
                BookingRateLimiter.UNLIMITED,
                new AlternativeSlots(finder, appointments, policy),
                policy,
                ROME,
                CLOCK);
        var listing = new FindAvailableSlots(doctors, finder, CLOCK);
        var day = DAY.plusDays(20);

        calcom.clearCalls();
        listing.find(new FindAvailableSlots.Query(DOCTOR.id(), day, AppointmentType.CONSULTATION));
        System.out.printf("calls: slot listing, cold cache: %s%n", calcom.calls());
        calcom.clearCalls();
        listing.find(new FindAvailableSlots.Query(DOCTOR.id(), day, AppointmentType.CONSULTATION));
        System.out.printf("calls: slot listing, warm cache: %s%n", calcom.calls());
        calcom.clearCalls();
        var start = day.atTime(10, 0).atZone(ROME).toInstant();
        book.book(new BookAppointment.Command(PATIENT, DOCTOR.id(), start, AppointmentType.CONSULTATION, null));
        System.out.printf("calls: one booking (BookAppointment): %s%n", calcom.calls());
        calcom.clearCalls();
        book.book(new BookAppointment.Command(PATIENT, DOCTOR.id(), start, AppointmentType.CONSULTATION, null));
        System.out.printf("calls: a booking refused by our database (slot held): %s%n", calcom.calls());
        calcom.markBusy(USERNAME, start.plus(Duration.ofHours(1)), start.plus(Duration.ofMinutes(90)));
        calcom.clearCalls();
        book.book(new BookAppointment.Command(
                PATIENT, DOCTOR.id(), start.plus(Duration.ofHours(1)), AppointmentType.CONSULTATION, null));
        System.out.printf("calls: a booking Cal.com refuses (busy there), with alternatives: %s%n", calcom.calls());
    }

    private static void report(String what, List<Duration> timings, Duration calComLatency) {
        var millis =
                timings.stream().mapToDouble(d -> d.toNanos() / 1e6).sorted().toArray();
        double median = millis[millis.length / 2];
        double p99 = millis[(int) Math.ceil(millis.length * 0.99) - 1];
        double mean = Arrays.stream(millis).average().orElse(0);
        double base = calComLatency.toMillis();
        System.out.printf(
                "%s, %d bookings: median %.2f ms (adds %.2f), p99 %.2f ms (adds %.2f), mean %.2f ms, max %.2f ms%n",
                what, millis.length, median, median - base, p99, p99 - base, mean, millis[millis.length - 1]);
    }

    private static TimeSlot slotOnDay(int n, int dayOffset) {
        var start =
                DAY.plusDays(dayOffset).atTime(9, 0).atZone(ROME).toInstant().plus(Duration.ofMinutes(30L * n));
        return TimeSlot.of(start, Duration.ofMinutes(30));
    }
}
