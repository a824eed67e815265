package com.cureka.appointments.application.appointment;

import com.cureka.appointments.application.calendar.HandleCalendarEvent;
import com.cureka.appointments.application.calendar.HandleCalendarEvent.Outcome;
import com.cureka.appointments.application.memory.InMemoryCalendarEventLog;
import com.cureka.appointments.application.port.appointment.AuditEntry;
import com.cureka.appointments.application.port.calendar.CalendarEvent;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import static com.cureka.appointments.application.appointment.InMemoryClinic.NOW;
import static com.cureka.appointments.application.appointment.InMemoryClinic.patient;
import static org.assertj.core.api.Assertions.assertThat;

class HandleCalendarEventTest {
    private final InMemoryClinic clinic = new InMemoryClinic();
    private final Doctor doctor = clinic.doctor("Dr. Priya Patel");
    private final HandleCalendarEvent handle = new HandleCalendarEvent(
            clinic.appointments, clinic.doctors, clinic.cache, new InMemoryCalendarEventLog(), clinic.clock);

    private static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    private AppointmentNumber booked(String when) {
        var result = (BookAppointment.Result.Booked) clinic.book.book(
                new BookAppointment.Command(patient("P"), doctor.id(), at(when), AppointmentType.CONSULTATION, null));
        return result.details().appointment().number();
    }

    @Test
    void a_booking_cancelled_in_the_calendar_cancels_the_appointment_once() {
        var number = booked("2025-09-23T14:30:00+05:30");
        var event = new CalendarEvent.BookingCancelled("uid-1", number, "doctor ill");

        assertThat(handle.handle(event, "hash-1")).isEqualTo(Outcome.APPLIED);
        assertThat(handle.handle(event, "hash-1")).isEqualTo(Outcome.DUPLICATE);
        assertThat(clinic.appointments.byNumber(number).orElseThrow().status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(clinic.appointments.history(number))
                .extracting(AuditEntry::actor)
                .last()
                .isEqualTo("calendar:BookingCancelled");
    }

    @Test
    void events_about_bookings_we_did_not_make_are_acknowledged_and_ignored() {
        assertThat(handle.handle(new CalendarEvent.BookingCancelled("uid-x", null, null), "h1"))
                .isEqualTo(Outcome.UNKNOWN_BOOKING);
        assertThat(handle.handle(
                        new CalendarEvent.BookingCancelled(
                                "uid-y", new AppointmentNumber("AID", LocalDate.of(2020, 1, 1), 1), null),
                        "h2"))
                .isEqualTo(Outcome.UNKNOWN_BOOKING);
    }

    @Test
    void a_booking_moved_in_the_calendar_moves_the_appointment_and_keeps_its_number() {
        var number = booked("2025-09-23T14:30:00+05:30");
        var newSlot = TimeSlot.of(at("2025-09-24T11:00:00+05:30"), Duration.ofMinutes(30));

        var outcome = handle.handle(new CalendarEvent.BookingRescheduled("uid-2", "uid-1", number, newSlot), "h");

        assertThat(outcome).isEqualTo(Outcome.APPLIED);
        var moved = clinic.appointments.byNumber(number).orElseThrow();
        assertThat(moved.slot()).isEqualTo(newSlot);
        assertThat(moved.calendarBookingId()).isEqualTo("uid-2");
    }

    @Test
    void a_move_onto_a_slot_we_gave_to_someone_else_is_reported_as_a_conflict_and_not_applied() {
        var number = booked("2025-09-23T14:30:00+05:30");
        booked("2025-09-24T11:00:00+05:30");

        var outcome = handle.handle(
                new CalendarEvent.BookingRescheduled(
                        "uid-2", "uid-1", number, TimeSlot.of(at("2025-09-24T11:00:00+05:30"), Duration.ofMinutes(30))),
                "h");

        assertThat(outcome).isEqualTo(Outcome.CONFLICT);
        assertThat(clinic.appointments.byNumber(number).orElseThrow().slot().start())
                .isEqualTo(at("2025-09-23T14:30:00+05:30"));
    }

    @Test
    void a_lost_confirmation_is_recovered_from_the_created_event_and_a_finished_meeting_completes() {
        var pending = Appointment.hold(
                new AppointmentNumber("AID", LocalDate.of(2025, 9, 20), 7),
                doctor.id(),
                patient("P").id(),
                AppointmentType.CONSULTATION,
                TimeSlot.of(NOW.minus(Duration.ofHours(2)), Duration.ofMinutes(30)),
                null,
                NOW.minus(Duration.ofDays(1)));
        clinic.appointments.hold(pending, patient("P"), 10, NOW.minus(Duration.ofDays(1)));

        var created = handle.handle(
                new CalendarEvent.BookingCreated(
                        "uid-9", pending.number(), pending.slot(), new MeetingLinks("https://video/9", null)),
                "c");
        var ended = handle.handle(new CalendarEvent.MeetingEnded("uid-9", pending.number()), "e");

        assertThat(created).isEqualTo(Outcome.APPLIED);
        assertThat(ended).isEqualTo(Outcome.APPLIED);
        var done = clinic.appointments.byNumber(pending.number()).orElseThrow();
        assertThat(done.status()).isEqualTo(AppointmentStatus.COMPLETED);
        assertThat(done.calendarBookingId()).isEqualTo("uid-9");
    }
}
