package com.cureka.appointments.application.appointment;

import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.access.Viewer;
import com.cureka.appointments.application.port.appointment.AuditEntry;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.schedule.TimeOff;
import com.cureka.appointments.domain.schedule.WorkingHours;
import com.cureka.appointments.domain.schedule.WorkingPeriod;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cureka.appointments.application.appointment.InMemoryClinic.patient;
import static org.assertj.core.api.Assertions.assertThat;

class LifecycleTest {
    private final InMemoryClinic clinic = new InMemoryClinic();
    private final Doctor doctor = clinic.doctor("Dr. Priya Patel");
    private final Patient owner = patient("Owner");

    private static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    private AppointmentNumber bookAt(Patient patient, String when) {
        var result = clinic.book.book(
                new BookAppointment.Command(patient, doctor.id(), at(when), AppointmentType.CONSULTATION, null));
        return ((BookAppointment.Result.Booked) result).details().appointment().number();
    }

    private static Viewer as(Patient patient) {
        return new Viewer(patient.id().value(), Role.PATIENT);
    }

    @Test
    void cancelling_frees_the_slot_at_once_and_is_recorded_in_the_trail() {
        var number = bookAt(owner, "2025-09-23T14:30:00+05:30");

        var result = clinic.cancel.cancel(new CancelAppointment.Command(as(owner), number, "feeling better"));
        var rebooked = clinic.book.book(new BookAppointment.Command(
                patient("Next"), doctor.id(), at("2025-09-23T14:30:00+05:30"), AppointmentType.CONSULTATION, null));

        assertThat(result)
                .isInstanceOfSatisfying(
                        CancelAppointment.Result.Cancelled.class,
                        c -> assertThat(c.details().appointment().status()).isEqualTo(AppointmentStatus.CANCELLED));
        assertThat(rebooked).isInstanceOf(BookAppointment.Result.Booked.class);
        assertThat(clinic.appointments.history(number))
                .extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::reason)
                .containsExactly(
                        Tuple.tuple(Change.Action.BOOKED, "patient:" + owner.id(), null),
                        Tuple.tuple(Change.Action.CANCELLED, "patient:" + owner.id(), "feeling better"));
    }

    @Test
    void cancelling_twice_is_an_invalid_state() {
        var number = bookAt(owner, "2025-09-23T14:30:00+05:30");
        clinic.cancel.cancel(new CancelAppointment.Command(as(owner), number, null));

        var again = clinic.cancel.cancel(new CancelAppointment.Command(as(owner), number, null));

        assertThat(again)
                .isInstanceOfSatisfying(
                        CancelAppointment.Result.Rejected.class,
                        r -> assertThat(r.reason()).isInstanceOf(Rejection.InvalidState.class));
    }

    @Test
    void another_patient_cannot_cancel_and_is_told_the_appointment_does_not_exist() {
        var number = bookAt(owner, "2025-09-23T14:30:00+05:30");

        var result = clinic.cancel.cancel(new CancelAppointment.Command(as(patient("Stranger")), number, null));

        assertThat(result)
                .isInstanceOfSatisfying(
                        CancelAppointment.Result.Rejected.class,
                        r -> assertThat(r.reason()).isInstanceOf(Rejection.AppointmentNotFound.class));
        assertThat(clinic.appointments.byNumber(number).orElseThrow().status()).isEqualTo(AppointmentStatus.SCHEDULED);
    }

    @Test
    void the_doctor_may_cancel_their_appointment() {
        var number = bookAt(owner, "2025-09-23T14:30:00+05:30");

        var result = clinic.cancel.cancel(
                new CancelAppointment.Command(new Viewer(doctor.id().value(), Role.DOCTOR), number, "ill"));

        assertThat(result).isInstanceOf(CancelAppointment.Result.Cancelled.class);
    }

    @Test
    void rescheduling_keeps_the_number_and_frees_the_old_slot() {
        var number = bookAt(owner, "2025-09-23T14:30:00+05:30");

        var result = clinic.reschedule.reschedule(
                new RescheduleAppointment.Command(as(owner), number, at("2025-09-24T10:00:00+05:30"), null));
        var oldSlot = clinic.book.book(new BookAppointment.Command(
                patient("Next"), doctor.id(), at("2025-09-23T14:30:00+05:30"), AppointmentType.CONSULTATION, null));

        assertThat(result).isInstanceOfSatisfying(RescheduleAppointment.Result.Rescheduled.class, r -> {
            assertThat(r.details().appointment().number()).isEqualTo(number);
            assertThat(r.details().appointment().slot().start()).isEqualTo(at("2025-09-24T10:00:00+05:30"));
        });
        assertThat(oldSlot).isInstanceOf(BookAppointment.Result.Booked.class);
        assertThat(clinic.appointments.history(number))
                .extracting(AuditEntry::action)
                .containsExactly(Change.Action.BOOKED, Change.Action.RESCHEDULED);
    }

    @Test
    void moving_an_appointment_to_the_time_it_already_has_changes_nothing_and_says_so() {
        var number = bookAt(owner, "2025-09-23T14:30:00+05:30");

        var result = clinic.reschedule.reschedule(
                new RescheduleAppointment.Command(as(owner), number, at("2025-09-23T14:30:00+05:30"), null));

        assertThat(result)
                .isInstanceOfSatisfying(
                        RescheduleAppointment.Result.AlreadyThere.class,
                        r -> assertThat(r.details().appointment().slot().start())
                                .isEqualTo(at("2025-09-23T14:30:00+05:30")));
        assertThat(clinic.appointments.history(number))
                .extracting(AuditEntry::action)
                .containsExactly(Change.Action.BOOKED);
    }

    @Test
    void rescheduling_onto_a_taken_slot_keeps_the_old_one() {
        var number = bookAt(owner, "2025-09-23T14:30:00+05:30");
        bookAt(patient("Other"), "2025-09-24T10:00:00+05:30");

        var result = clinic.reschedule.reschedule(
                new RescheduleAppointment.Command(as(owner), number, at("2025-09-24T10:00:00+05:30"), null));

        assertThat(result).isInstanceOfSatisfying(RescheduleAppointment.Result.Rejected.class, r -> {
            assertThat(r.refusal().reason()).isInstanceOf(Rejection.SlotUnavailable.class);
            assertThat(r.refusal().alternatives()).hasSize(5);
        });
        assertThat(clinic.appointments.byNumber(number).orElseThrow().slot().start())
                .isEqualTo(at("2025-09-23T14:30:00+05:30"));
    }

    @Test
    void rescheduling_obeys_every_rule_of_a_new_booking() {
        var number = bookAt(owner, "2025-09-23T14:30:00+05:30");

        var result = clinic.reschedule.reschedule(
                new RescheduleAppointment.Command(as(owner), number, at("2025-09-23T20:00:00+05:30"), null));

        assertThat(result)
                .isInstanceOfSatisfying(
                        RescheduleAppointment.Result.Rejected.class,
                        r -> assertThat(r.refusal().reason()).isInstanceOf(Rejection.OutsideBusinessHours.class));
    }

    @Test
    void a_doctor_cannot_move_an_appointment() {
        var number = bookAt(owner, "2025-09-23T14:30:00+05:30");

        var result = clinic.reschedule.reschedule(new RescheduleAppointment.Command(
                new Viewer(doctor.id().value(), Role.DOCTOR), number, at("2025-09-24T10:00:00+05:30"), null));

        assertThat(result)
                .isInstanceOfSatisfying(
                        RescheduleAppointment.Result.Rejected.class,
                        r -> assertThat(r.refusal().reason()).isInstanceOf(Rejection.AppointmentNotFound.class));
    }

    @Test
    void listing_pages_through_a_patients_own_appointments_in_time_order() {
        var other = patient("Other");
        var first = bookAt(owner, "2025-09-23T10:00:00+05:30");
        var second = bookAt(owner, "2025-09-23T11:00:00+05:30");
        var third = bookAt(owner, "2025-09-23T12:00:00+05:30");
        bookAt(other, "2025-09-23T13:00:00+05:30");

        var page1 = clinic.list.list(new ListAppointments.Query(as(owner), null, null, null, 2, null));
        var page2 = clinic.list.list(new ListAppointments.Query(as(owner), null, null, null, 2, page1.next()));

        assertThat(page1.items()).extracting(a -> a.number()).containsExactly(first, second);
        assertThat(page1.next()).isNotNull();
        assertThat(page2.items()).extracting(a -> a.number()).containsExactly(third);
        assertThat(page2.next()).isNull();
    }

    @Test
    void a_doctor_lists_their_appointments_and_an_admin_lists_all() {
        var otherDoctor = clinic.doctor("Dr. Other");
        bookAt(owner, "2025-09-23T10:00:00+05:30");
        clinic.book.book(new BookAppointment.Command(
                patient("P"), otherDoctor.id(), at("2025-09-23T10:00:00+05:30"), null, null));

        var doctors = clinic.list.list(
                new ListAppointments.Query(new Viewer(doctor.id().value(), Role.DOCTOR), null, null, null, 20, null));
        var admins = clinic.list.list(
                new ListAppointments.Query(new Viewer(UUID.randomUUID(), Role.ADMIN), null, null, null, 20, null));

        assertThat(doctors.items())
                .hasSize(1)
                .allSatisfy(a -> assertThat(a.doctorId()).isEqualTo(doctor.id()));
        assertThat(admins.items()).hasSize(2);
    }

    @Test
    void new_working_hours_apply_to_later_bookings_and_report_existing_appointments_as_conflicts() {
        var kept = bookAt(owner, "2025-09-23T16:00:00+05:30"); // a Tuesday
        var mornings = new WorkingHours(Map.of(DayOfWeek.TUESDAY, List.of(WorkingPeriod.of("09:00", "13:00"))));

        var changed =
                clinic.changeSchedule.replaceWorkingHours(doctor.id(), mornings).orElseThrow();
        var afternoon = clinic.book.book(new BookAppointment.Command(
                patient("Late"), doctor.id(), at("2025-09-23T15:00:00+05:30"), AppointmentType.CONSULTATION, null));

        assertThat(changed.conflicts()).extracting(a -> a.number()).containsExactly(kept);
        assertThat(clinic.appointments.byNumber(kept).orElseThrow().status()).isEqualTo(AppointmentStatus.SCHEDULED);
        assertThat(afternoon)
                .isInstanceOfSatisfying(
                        BookAppointment.Result.Rejected.class,
                        r -> assertThat(r.refusal().reason()).isInstanceOf(Rejection.OutsideBusinessHours.class));
    }

    @Test
    void time_off_makes_its_slots_unavailable_and_reports_appointments_inside_it() {
        var kept = bookAt(owner, "2025-09-24T10:00:00+05:30");

        var changed = clinic.changeSchedule
                .addTimeOff(
                        doctor.id(),
                        new TimeOff(at("2025-09-24T00:00:00+05:30"), at("2025-09-25T00:00:00+05:30"), "conference"))
                .orElseThrow();
        var during = clinic.book.book(new BookAppointment.Command(
                patient("P"), doctor.id(), at("2025-09-24T12:00:00+05:30"), AppointmentType.CONSULTATION, null));

        assertThat(changed.conflicts()).extracting(a -> a.number()).containsExactly(kept);
        assertThat(during)
                .isInstanceOfSatisfying(
                        BookAppointment.Result.Rejected.class,
                        r -> assertThat(r.refusal().reason())
                                .isEqualTo(new Rejection.SlotUnavailable(Rejection.SlotUnavailable.Cause.TIME_OFF)));
    }
}
