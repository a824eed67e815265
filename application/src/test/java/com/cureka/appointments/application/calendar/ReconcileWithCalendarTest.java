package com.cureka.appointments.application.calendar;

import com.cureka.appointments.application.calendar.ReconcileWithCalendar.Report;
import com.cureka.appointments.application.memory.InMemoryAppointments;
import com.cureka.appointments.application.memory.InMemoryDoctors;
import com.cureka.appointments.application.memory.InProcessAvailabilityCache;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import com.cureka.appointments.domain.schedule.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcileWithCalendarTest {
    private static final Instant NOW = Instant.parse("2030-03-04T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryAppointments appointments = new InMemoryAppointments();
    private final InMemoryDoctors doctors = new InMemoryDoctors();
    private final InProcessAvailabilityCache cache = new InProcessAvailabilityCache(Duration.ofMinutes(5), clock);
    private final StubCalendar calendar = new StubCalendar();
    private final ReconcileWithCalendar reconcile =
            new ReconcileWithCalendar(appointments, doctors, calendar, cache, clock, TIMEOUT);

    private final Doctor doctor = new Doctor(
            new DoctorId(UUID.randomUUID()), "Dr Reconcile", "GP", null, Schedule.standard(ROME), null, true);
    private final Patient patient = new Patient(new PatientId(UUID.randomUUID()), "Pat", "pat@example.com");
    private final TimeSlot tomorrowAtTen = TimeSlot.of(Instant.parse("2030-03-05T09:00:00Z"), Duration.ofMinutes(30));
    private long sequence;

    ReconcileWithCalendarTest() {
        doctors.add(doctor);
    }

    @Test
    void a_stale_hold_whose_calendar_booking_exists_is_confirmed_with_its_id_and_links() {
        var hold = holdCreated(NOW.minusSeconds(31), tomorrowAtTen);
        var booking = calendar.add("uid-1", hold.number(), tomorrowAtTen);

        var report = reconcile.run();

        assertThat(report).isEqualTo(new Report(1, 0, 0, 0));
        var settled = appointments.byNumber(hold.number()).orElseThrow();
        assertThat(settled.status()).isEqualTo(AppointmentStatus.SCHEDULED);
        assertThat(settled.calendarBookingId()).isEqualTo("uid-1");
        assertThat(settled.links()).isEqualTo(booking.links());
        assertThat(calendar.cancelled).isEmpty();
    }

    @Test
    void a_stale_hold_the_calendar_never_booked_is_released_and_kept_as_cancelled() {
        var hold = holdCreated(NOW.minusSeconds(31), tomorrowAtTen);

        var report = reconcile.run();

        assertThat(report).isEqualTo(new Report(0, 1, 0, 0));
        assertThat(appointments.byNumber(hold.number()))
                .get()
                .extracting(Appointment::status)
                .isEqualTo(AppointmentStatus.CANCELLED);
    }

    @Test
    void a_stale_hold_whose_calendar_booking_was_cancelled_is_released() {
        var hold = holdCreated(NOW.minusSeconds(60), tomorrowAtTen);
        calendar.add("uid-2", hold.number(), tomorrowAtTen);
        calendar.cancelInCalendar("uid-2");

        var report = reconcile.run();

        assertThat(report.pendingReleased()).isEqualTo(1);
        assertThat(appointments.byNumber(hold.number()).orElseThrow().status()).isEqualTo(AppointmentStatus.CANCELLED);
    }

    @Test
    void a_hold_younger_than_the_calendar_timeout_is_left_alone_as_its_call_may_still_be_running() {
        var hold = holdCreated(NOW.minusSeconds(29), tomorrowAtTen);
        calendar.add("uid-3", hold.number(), tomorrowAtTen);

        var report = reconcile.run();

        assertThat(report).isEqualTo(new Report(0, 0, 0, 0));
        assertThat(appointments.byNumber(hold.number()).orElseThrow().status()).isEqualTo(AppointmentStatus.PENDING);
        assertThat(calendar.cancelled).as("its booking is not an orphan").isEmpty();
    }

    @Test
    void when_the_calendar_cannot_be_asked_the_hold_stays_and_the_run_counts_errors() {
        var hold = holdCreated(NOW.minusSeconds(31), tomorrowAtTen);
        calendar.lookupsUnavailable = true;

        var report = reconcile.run();

        assertThat(report).isEqualTo(new Report(0, 0, 0, 2));
        assertThat(appointments.byNumber(hold.number()).orElseThrow().status()).isEqualTo(AppointmentStatus.PENDING);
    }

    @Test
    void a_calendar_booking_whose_number_we_do_not_hold_is_cancelled() {
        calendar.add("uid-orphan", number(), tomorrowAtTen);

        var report = reconcile.run();

        assertThat(report).isEqualTo(new Report(0, 0, 1, 0));
        assertThat(calendar.cancelled).containsExactly("uid-orphan");
    }

    @Test
    void a_calendar_booking_of_a_cancelled_appointment_is_cancelled() {
        var hold = holdCreated(NOW.minusSeconds(5), tomorrowAtTen);
        changed(hold, hold.release(NOW), Change.Action.RELEASED);
        calendar.add("uid-late", hold.number(), tomorrowAtTen);

        var report = reconcile.run();

        assertThat(report.orphansCancelled()).isEqualTo(1);
        assertThat(calendar.cancelled).containsExactly("uid-late");
    }

    @Test
    void another_calendar_booking_for_a_live_appointment_is_reported_not_cancelled() {
        // A move made in the calendar whose webhook was lost looks exactly like this: cancelling would cancel the
        // visit.
        var hold = holdCreated(NOW.minusSeconds(5), tomorrowAtTen);
        changed(hold, hold.confirm("uid-kept", null, NOW), Change.Action.CONFIRMED);
        calendar.add("uid-kept", hold.number(), tomorrowAtTen);
        calendar.add("uid-moved", hold.number(), tomorrowAtTen);

        var report = reconcile.run();

        assertThat(report).isEqualTo(new Report(0, 0, 0, 1));
        assertThat(calendar.cancelled).isEmpty();
    }

    @Test
    void the_calendar_booking_of_a_completed_visit_is_kept() {
        var hold = holdCreated(NOW.minusSeconds(5), tomorrowAtTen);
        var scheduled = changed(hold, hold.confirm("uid-visit", null, NOW), Change.Action.CONFIRMED);
        changed(scheduled, scheduled.complete(tomorrowAtTen.start().plusSeconds(60)), Change.Action.COMPLETED);
        calendar.add("uid-visit", hold.number(), tomorrowAtTen);

        var report = reconcile.run();

        assertThat(report.orphansCancelled()).isZero();
        assertThat(calendar.cancelled).isEmpty();
    }

    @Test
    void cancelled_calendar_bookings_and_those_outside_the_window_are_left_alone() {
        calendar.add("uid-cancelled", number(), tomorrowAtTen);
        calendar.cancelInCalendar("uid-cancelled");
        calendar.add("uid-far", number(), TimeSlot.of(NOW.plus(Duration.ofDays(70)), Duration.ofMinutes(30)));

        var report = reconcile.run();

        assertThat(report).isEqualTo(new Report(0, 0, 0, 0));
        assertThat(calendar.cancelled).isEmpty();
    }

    @Test
    void an_orphan_the_calendar_will_not_cancel_is_counted_as_an_error() {
        calendar.add("uid-orphan", number(), tomorrowAtTen);
        calendar.cancelsUnavailable = true;

        assertThat(reconcile.run()).isEqualTo(new Report(0, 0, 0, 1));
    }

    @Test
    void settling_a_hold_forgets_the_cached_free_slots_of_its_day() {
        var hold = holdCreated(NOW.minusSeconds(31), tomorrowAtTen);
        var day = LocalDate.ofInstant(tomorrowAtTen.start(), ROME);
        cache.put(doctor.id(), day, AppointmentType.CONSULTATION, List.of());

        reconcile.run();

        assertThat(cache.get(doctor.id(), day, AppointmentType.CONSULTATION)).isEmpty();
        assertThat(appointments.byNumber(hold.number()).orElseThrow().status()).isEqualTo(AppointmentStatus.CANCELLED);
    }

    @Test
    void the_settled_holds_leave_a_trace_of_who_settled_them() {
        var hold = holdCreated(NOW.minusSeconds(31), tomorrowAtTen);

        reconcile.run();

        assertThat(appointments.history(hold.number()))
                .last()
                .satisfies(entry -> assertThat(entry.actor()).isEqualTo("system:reconcile"));
    }

    private Appointment holdCreated(Instant createdAt, TimeSlot slot) {
        var hold = Appointment.hold(
                number(), doctor.id(), patient.id(), AppointmentType.CONSULTATION, slot, null, createdAt);
        appointments.hold(hold, patient, 10, createdAt);
        return hold;
    }

    /** Stores a change made elsewhere (the patient, the doctor, a webhook) before the run; it must succeed. */
    private Appointment changed(Appointment read, Appointment after, Change.Action action) {
        assertThat(appointments.replace(read, after, new Change("system:spec", action, null, NOW)))
                .isEmpty();
        return after;
    }

    private AppointmentNumber number() {
        return new AppointmentNumber("AID", LocalDate.of(2030, 3, 4), ++sequence);
    }
}
