package com.cureka.appointments.application.appointment;

import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.access.Viewer;
import com.cureka.appointments.application.calendar.HandleCalendarEvent;
import com.cureka.appointments.application.memory.InMemoryCalendarEventLog;
import com.cureka.appointments.application.port.appointment.AppointmentQuery;
import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.appointment.AuditEntry;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.availability.BookingRateLimiter;
import com.cureka.appointments.application.port.calendar.CalendarBooking;
import com.cureka.appointments.application.port.calendar.CalendarBookingRequest;
import com.cureka.appointments.application.port.calendar.CalendarEvent;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.calendar.CalendarResult;
import com.cureka.appointments.application.port.calendar.FreeStarts;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static com.cureka.appointments.application.appointment.InMemoryClinic.patient;
import static org.assertj.core.api.Assertions.assertThat;

/** What happens when two parties change one appointment at once: the first change stands, the second is told. */
class ConcurrentChangesTest {
    /** An external calendar that books every request, after running a hook "while the call is in flight". */
    static final class SlowCalendar implements CalendarGateway {
        final List<String> cancelled = new ArrayList<>();
        Consumer<CalendarBookingRequest> whileBooking = r -> {};
        int next;

        public boolean isExternal() {
            return true;
        }

        public FreeStarts freeStarts(Doctor d, AppointmentType t, LocalDate a, LocalDate b) {
            return new FreeStarts.Unconstrained();
        }

        public CalendarResult book(CalendarBookingRequest request) {
            whileBooking.accept(request);
            return new CalendarResult.Booked(
                    new CalendarBooking("uid-" + (++next), request.number(), request.slot(), false, MeetingLinks.NONE));
        }

        public CalendarResult cancel(String id, String reason) {
            cancelled.add(id);
            return new CalendarResult.Booked(null);
        }

        public CalendarResult reschedule(String id, TimeSlot slot, String reason) {
            return new CalendarResult.Booked(new CalendarBooking(id, null, slot, false, null));
        }

        public CalendarLookup bookingsWithAppointmentNumbers(Instant from, Instant to) {
            return new CalendarLookup.Found(List.of());
        }

        public CalendarLookup bookingFor(AppointmentNumber n, Doctor d, TimeSlot s) {
            return new CalendarLookup.Found(List.of());
        }
    }

    private final SlowCalendar calendar = new SlowCalendar();
    private final InMemoryClinic clinic = new InMemoryClinic(calendar, BookingRateLimiter.UNLIMITED);
    private final Doctor doctor = clinic.doctor("Dr. Priya Patel");
    private final Patient owner = patient("Owner");
    private final Viewer asOwner = new Viewer(owner.id().value(), Role.PATIENT);

    private static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    private BookAppointment.Result book(String when) {
        return clinic.book.book(
                new BookAppointment.Command(owner, doctor.id(), at(when), AppointmentType.CONSULTATION, null));
    }

    @Test
    void a_hold_cancelled_while_the_calendar_books_it_stays_cancelled_and_the_calendar_booking_is_undone() {
        calendar.whileBooking = request ->
                clinic.cancel.cancel(new CancelAppointment.Command(asOwner, request.number(), "changed my mind"));

        var result = book("2025-09-23T14:30:00+05:30");

        assertThat(result)
                .isInstanceOfSatisfying(
                        BookAppointment.Result.Rejected.class,
                        r -> assertThat(r.refusal().reason()).isEqualTo(Appointments.CHANGED_MEANWHILE));
        var stored = clinic.appointments.page(new AppointmentQuery(owner.id(), null, null, null, null, 10, null));
        assertThat(stored)
                .singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(AppointmentStatus.CANCELLED));
        assertThat(calendar.cancelled).containsExactly("uid-1");
    }

    @Test
    void a_retry_meeting_its_own_attempt_still_with_the_calendar_is_told_to_come_back_not_that_the_slot_is_taken() {
        var during = new ArrayList<BookAppointment.Result>();
        var rival = patient("Rival");
        calendar.whileBooking = request -> {
            during.add(book("2025-09-23T14:30:00+05:30"));
            during.add(clinic.book.book(new BookAppointment.Command(
                    rival, doctor.id(), at("2025-09-23T14:30:00+05:30"), AppointmentType.CONSULTATION, null)));
        };

        var first = book("2025-09-23T14:30:00+05:30");
        calendar.whileBooking = request -> {};
        var afterwards = book("2025-09-23T14:30:00+05:30");

        assertThat(first).isInstanceOf(BookAppointment.Result.Booked.class);
        assertThat(during.get(0))
                .as("the owner's retry while the hold is PENDING")
                .isInstanceOfSatisfying(
                        BookAppointment.Result.Rejected.class,
                        r -> assertThat(r.refusal().reason())
                                .isEqualTo(new Rejection.CalendarUnavailable(BookAppointment.RETRY_PENDING_AFTER)));
        assertThat(during.get(1))
                .as("another patient meets a taken slot, as before")
                .isInstanceOfSatisfying(
                        BookAppointment.Result.Rejected.class,
                        r -> assertThat(r.refusal().reason()).isInstanceOf(Rejection.SlotUnavailable.class));
        assertThat(afterwards).isInstanceOf(BookAppointment.Result.AlreadyBooked.class);
    }

    @Test
    void a_cancel_based_on_a_stale_read_is_refused() {
        var booked = ((BookAppointment.Result.Booked) book("2025-09-23T14:30:00+05:30"))
                .details()
                .appointment();
        var now = clinic.clock.instant();
        clinic.cancel.cancel(new CancelAppointment.Command(asOwner, booked.number(), null));

        var stale = clinic.appointments.replace(
                booked, booked.cancel(now), new Change("patient:" + owner.id(), Change.Action.CANCELLED, null, now));

        assertThat(stale).contains(Appointments.CHANGED_MEANWHILE);
        assertThat(clinic.appointments.history(booked.number()))
                .extracting(AuditEntry::action)
                .containsExactly(Change.Action.BOOKED, Change.Action.CONFIRMED, Change.Action.CANCELLED);
    }

    @Test
    void a_hold_still_being_booked_cannot_be_moved() {
        var numbers = new ArrayList<AppointmentNumber>();
        var moves = new ArrayList<RescheduleAppointment.Result>();
        calendar.whileBooking = request -> {
            numbers.add(request.number());
            moves.add(clinic.reschedule.reschedule(new RescheduleAppointment.Command(
                    asOwner, request.number(), at("2025-09-24T10:00:00+05:30"), null)));
        };

        book("2025-09-23T14:30:00+05:30");

        assertThat(moves)
                .singleElement()
                .isInstanceOfSatisfying(
                        RescheduleAppointment.Result.Rejected.class,
                        r -> assertThat(r.refusal().reason()).isInstanceOf(Rejection.InvalidState.class));
        assertThat(clinic.appointments
                        .byNumber(numbers.getFirst())
                        .orElseThrow()
                        .slot()
                        .start())
                .isEqualTo(at("2025-09-23T14:30:00+05:30"));
    }

    @Test
    void calendar_events_about_another_booking_with_the_same_number_change_nothing() {
        var booked = ((BookAppointment.Result.Booked) book("2025-09-23T14:30:00+05:30"))
                .details()
                .appointment();
        var handle = new HandleCalendarEvent(
                clinic.appointments, clinic.doctors, clinic.cache, new InMemoryCalendarEventLog(), clinic.clock);

        var cancelOfADuplicate =
                handle.handle(new CalendarEvent.BookingCancelled("uid-duplicate", booked.number(), null), "h1");
        var lateMove = handle.handle(
                new CalendarEvent.BookingRescheduled(
                        "uid-3",
                        "uid-old",
                        booked.number(),
                        TimeSlot.of(at("2025-09-25T10:00:00+05:30"), Duration.ofMinutes(30))),
                "h2");

        assertThat(cancelOfADuplicate).isEqualTo(HandleCalendarEvent.Outcome.NOTHING_TO_DO);
        assertThat(lateMove).isEqualTo(HandleCalendarEvent.Outcome.NOTHING_TO_DO);
        var stored = clinic.appointments.byNumber(booked.number()).orElseThrow();
        assertThat(stored.status()).isEqualTo(AppointmentStatus.SCHEDULED);
        assertThat(stored.slot()).isEqualTo(booked.slot());
    }
}
