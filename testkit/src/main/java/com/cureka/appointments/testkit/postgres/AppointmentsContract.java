package com.cureka.appointments.testkit.postgres;

import com.cureka.appointments.application.port.appointment.AppointmentQuery;
import com.cureka.appointments.application.port.appointment.AppointmentQuery.Cursor;
import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.appointment.AuditEntry;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.appointment.HoldResult;
import com.cureka.appointments.application.port.patient.Patients;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.booking.Rejection.SlotUnavailable.Cause;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Appointments} implementation, with the {@link Patients} it registers, must do, as its Javadoc says: the overlap and
 * cap invariants hold atomically with the write, also between threads racing for the same slot. Extend it with a
 * fresh, empty store per test, and the {@link Patients} its holds register; a store that keeps doctors' rows (foreign
 * keys) adds them in {@link #addDoctor}.
 */
public abstract class AppointmentsContract<S extends Appointments> {
    protected static final Instant NOW = Instant.parse("2025-11-20T08:00:00Z");
    protected static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    protected static final DoctorId DR_PATEL = new DoctorId(UUID.fromString("7d0f8a5e-1111-4a6b-9c1d-000000000001"));
    protected static final DoctorId DR_IYER = new DoctorId(UUID.fromString("7d0f8a5e-1111-4a6b-9c1d-000000000002"));
    protected static final DoctorId DR_KHAN = new DoctorId(UUID.fromString("7d0f8a5e-1111-4a6b-9c1d-000000000003"));
    /** Every doctor the specs book; {@link #addDoctor} is called for each before every spec. */
    protected static final List<DoctorId> DOCTORS = List.of(DR_PATEL, DR_IYER, DR_KHAN);

    private static final LocalDate BOOKED_ON = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    private static final int CAP = 10;

    private static final Patient ASHA = patient(1, "Asha Rao", "asha@example.org");
    private static final Patient RAJESH = patient(2, "Rajesh Kumar", "rajesh@example.org");
    private static final Patient MEERA = patient(3, "Meera Nair", null);

    private final AtomicLong sequence = new AtomicLong();
    private S store;
    private Patients patients;

    /** A new, empty store for one spec. */
    protected abstract S newStore();

    /** The patients the store's holds register. */
    protected abstract Patients patientsOf(S store);

    /** Makes the doctor known to the store before anyone books them; nothing to do for most stores. */
    protected void addDoctor(DoctorId doctor) {}

    @BeforeEach
    void emptyStoreWithDoctors() {
        store = newStore();
        patients = patientsOf(store);
        DOCTORS.forEach(this::addDoctor);
    }

    // --- holding a slot -----------------------------------------------------------------------------------------

    @Test
    void a_hold_stores_the_appointment_and_registers_the_patient() {
        var appointment = pending(DR_PATEL, ASHA, at("10:00", "10:30"));

        assertThat(hold(appointment, ASHA)).isEqualTo(new HoldResult.Held(appointment, ASHA));
        assertThat(store.byNumber(appointment.number())).contains(appointment);
        assertThat(patients.byId(ASHA.id())).contains(ASHA);
    }

    @Test
    void a_hold_keeps_the_type_notes_and_times_it_was_given() {
        var appointment = Appointment.hold(
                number(),
                DR_PATEL,
                ASHA.id(),
                AppointmentType.SURGERY,
                TimeSlot.of(monday("14:00"), Duration.ofMinutes(45)),
                "Bring the MRI report",
                NOW.minusSeconds(90));

        held(appointment, ASHA);

        assertThat(store.byNumber(appointment.number())).contains(appointment);
    }

    @Test
    void a_hold_may_be_stored_already_scheduled_with_its_calendar_booking_and_links() {
        var scheduled = pending(DR_PATEL, ASHA, at("10:00", "10:30"))
                .confirm(
                        "builtin-42",
                        new MeetingLinks("https://meet.example.org/42", "https://cal.example.org/42"),
                        NOW);

        assertThat(hold(scheduled, ASHA)).isInstanceOf(HoldResult.Held.class);
        assertThat(store.byNumber(scheduled.number())).contains(scheduled);
    }

    @Test
    void a_returning_patient_without_a_name_or_email_keeps_the_ones_the_clinic_knows() {
        held(pending(DR_PATEL, ASHA, at("10:00", "10:30")), ASHA);
        var anonymous = new Patient(ASHA.id(), null, null);

        var result = hold(pending(DR_PATEL, anonymous, at("11:00", "11:30")), anonymous);

        assertThat(result)
                .isInstanceOfSatisfying(
                        HoldResult.Held.class,
                        held -> assertThat(held.patient()).isEqualTo(ASHA));
        assertThat(patients.byId(ASHA.id())).contains(ASHA);
    }

    @Test
    void a_returning_patient_with_a_new_name_is_stored_with_it() {
        held(pending(DR_PATEL, ASHA, at("10:00", "10:30")), ASHA);
        var renamed = new Patient(ASHA.id(), "Asha R. Menon", null);

        var result = hold(pending(DR_PATEL, renamed, at("11:00", "11:30")), renamed);

        var expected = new Patient(ASHA.id(), "Asha R. Menon", ASHA.email());
        assertThat(result)
                .isInstanceOfSatisfying(
                        HoldResult.Held.class,
                        held -> assertThat(held.patient()).isEqualTo(expected));
        assertThat(patients.byId(ASHA.id())).contains(expected);
    }

    @Test
    void a_second_hold_on_an_overlapping_slot_is_refused_as_taken() {
        held(pending(DR_PATEL, ASHA, at("10:00", "10:30")), ASHA);
        var second = pending(DR_PATEL, RAJESH, at("10:15", "10:45"));

        assertThat(hold(second, RAJESH)).isEqualTo(refused(new Rejection.SlotUnavailable(Cause.TAKEN)));
        assertThat(store.byNumber(second.number())).isEmpty();
    }

    @Test
    void a_pending_hold_takes_the_slot_as_firmly_as_a_scheduled_appointment() {
        held(pending(DR_PATEL, ASHA, at("10:00", "10:30")), ASHA);
        var scheduled = pending(DR_PATEL, RAJESH, at("10:00", "10:30")).confirm("cal-1", MeetingLinks.NONE, NOW);

        assertThat(hold(scheduled, RAJESH)).isEqualTo(refused(new Rejection.SlotUnavailable(Cause.TAKEN)));
    }

    @Test
    void the_same_slot_of_another_doctor_is_free() {
        held(pending(DR_PATEL, ASHA, at("10:00", "10:30")), ASHA);

        assertThat(hold(pending(DR_IYER, RAJESH, at("10:00", "10:30")), RAJESH)).isInstanceOf(HoldResult.Held.class);
    }

    @Test
    void an_overlapping_hold_of_the_same_patient_with_another_doctor_is_a_patient_conflict() {
        held(pending(DR_PATEL, ASHA, at("10:00", "10:30")), ASHA);
        var second = pending(DR_IYER, ASHA, at("10:20", "10:50"));

        assertThat(hold(second, ASHA)).isEqualTo(refused(new Rejection.PatientConflict()));
        assertThat(store.byNumber(second.number())).isEmpty();
    }

    @Test
    void booking_the_same_doctor_again_at_an_overlapping_time_is_refused_as_taken() {
        held(pending(DR_PATEL, ASHA, at("10:00", "10:30")), ASHA);

        assertThat(hold(pending(DR_PATEL, ASHA, at("10:00", "10:30")), ASHA))
                .isEqualTo(refused(new Rejection.SlotUnavailable(Cause.TAKEN)));
    }

    @Test
    void back_to_back_slots_of_one_doctor_are_both_allowed() {
        held(pending(DR_PATEL, ASHA, at("10:00", "10:30")), ASHA);

        assertThat(hold(pending(DR_PATEL, RAJESH, at("10:30", "11:00")), RAJESH))
                .isInstanceOf(HoldResult.Held.class);
        assertThat(hold(pending(DR_PATEL, MEERA, at("09:30", "10:00")), MEERA)).isInstanceOf(HoldResult.Held.class);
    }

    @Test
    void back_to_back_slots_of_one_patient_with_two_doctors_are_both_allowed() {
        held(pending(DR_PATEL, ASHA, at("10:00", "10:30")), ASHA);

        assertThat(hold(pending(DR_IYER, ASHA, at("10:30", "11:00")), ASHA)).isInstanceOf(HoldResult.Held.class);
    }

    @Test
    void a_cancelled_appointment_frees_its_slot() {
        var first = pending(DR_PATEL, ASHA, at("10:00", "10:30"));
        held(first, ASHA);
        changed(first, first.confirm("cal-1", MeetingLinks.NONE, NOW).cancel(NOW), Change.Action.CANCELLED);

        assertThat(hold(pending(DR_PATEL, RAJESH, at("10:00", "10:30")), RAJESH))
                .isInstanceOf(HoldResult.Held.class);
        assertThat(hold(pending(DR_IYER, ASHA, at("10:00", "10:30")), ASHA)).isInstanceOf(HoldResult.Held.class);
    }

    @Test
    void a_released_hold_frees_its_slot() {
        var first = pending(DR_PATEL, ASHA, at("10:00", "10:30"));
        held(first, ASHA);
        changed(first, first.release(NOW), Change.Action.RELEASED);

        assertThat(hold(pending(DR_PATEL, RAJESH, at("10:00", "10:30")), RAJESH))
                .isInstanceOf(HoldResult.Held.class);
    }

    @Test
    void a_patient_holding_the_most_upcoming_appointments_allowed_is_refused_another() {
        store.hold(pending(DR_PATEL, ASHA, at("09:00", "09:30")), ASHA, 2, NOW);
        store.hold(pending(DR_PATEL, ASHA, at("10:00", "10:30")), ASHA, 2, NOW);
        var third = pending(DR_IYER, ASHA, at("11:00", "11:30"));

        assertThat(store.hold(third, ASHA, 2, NOW)).isEqualTo(refused(new Rejection.AppointmentLimitReached(2)));
        assertThat(store.byNumber(third.number())).isEmpty();
    }

    @Test
    void past_and_cancelled_appointments_do_not_count_towards_the_cap() {
        var endedJustNow = pending(DR_PATEL, ASHA, new TimeSlot(NOW.minus(Duration.ofMinutes(30)), NOW));
        assertThat(store.hold(endedJustNow, ASHA, 1, NOW)).isInstanceOf(HoldResult.Held.class);
        var cancelled = pending(DR_PATEL, ASHA, at("09:00", "09:30"));
        assertThat(store.hold(cancelled, ASHA, 1, NOW)).isInstanceOf(HoldResult.Held.class);
        changed(cancelled, cancelled.cancel(NOW), Change.Action.CANCELLED);

        assertThat(store.hold(pending(DR_PATEL, ASHA, at("10:00", "10:30")), ASHA, 1, NOW))
                .isInstanceOf(HoldResult.Held.class);
    }

    // --- changing an appointment --------------------------------------------------------------------------------

    @Test
    void a_replace_stores_the_status_the_calendar_booking_and_the_links() {
        var pendingOne = pending(DR_PATEL, ASHA, at("10:00", "10:30"));
        held(pendingOne, ASHA);
        var confirmed = pendingOne.confirm(
                "cal-9876",
                new MeetingLinks("https://meet.example.org/9876", "https://cal.example.org/booking/9876"),
                NOW.plusSeconds(3));

        assertThat(store.replace(pendingOne, confirmed, by(Change.Action.CONFIRMED)))
                .isEmpty();
        assertThat(store.byNumber(pendingOne.number())).contains(confirmed);
    }

    @Test
    void a_move_to_a_free_slot_keeps_the_number_and_frees_the_old_slot() {
        var original = pending(DR_PATEL, ASHA, at("10:00", "10:30"));
        held(original, ASHA);
        var moved = original.confirm("cal-1", null, NOW).moveTo(at("11:00", "11:30"), "cal-2", MeetingLinks.NONE, NOW);

        assertThat(store.replace(original, moved, by(Change.Action.RESCHEDULED)))
                .isEmpty();
        assertThat(store.byNumber(original.number())).contains(moved);
        assertThat(hold(pending(DR_PATEL, RAJESH, at("10:00", "10:30")), RAJESH))
                .isInstanceOf(HoldResult.Held.class);
    }

    @Test
    void a_move_that_overlaps_only_its_own_old_slot_is_allowed() {
        var original = pending(DR_PATEL, ASHA, at("10:00", "10:30"));
        held(original, ASHA);
        var moved = original.confirm("cal-1", null, NOW).moveTo(at("10:15", "10:45"), null, MeetingLinks.NONE, NOW);

        assertThat(store.replace(original, moved, by(Change.Action.RESCHEDULED)))
                .isEmpty();
        assertThat(store.byNumber(original.number())).contains(moved);
    }

    @Test
    void a_move_onto_a_taken_slot_is_refused_and_leaves_the_appointment_where_it_was() {
        var mine = pending(DR_PATEL, ASHA, at("10:00", "10:30"));
        held(mine, ASHA);
        held(pending(DR_PATEL, RAJESH, at("11:00", "11:30")), RAJESH);

        var refusal = store.replace(
                mine,
                mine.confirm("cal-1", null, NOW).moveTo(at("11:15", "11:45"), null, MeetingLinks.NONE, NOW),
                by(Change.Action.RESCHEDULED));

        assertThat(refusal).contains(new Rejection.SlotUnavailable(Cause.TAKEN));
        assertThat(store.byNumber(mine.number())).contains(mine);
    }

    @Test
    void a_move_onto_another_appointment_of_the_patient_is_a_patient_conflict() {
        var withPatel = pending(DR_PATEL, ASHA, at("10:00", "10:30"));
        held(withPatel, ASHA);
        held(pending(DR_IYER, ASHA, at("11:00", "11:30")), ASHA);

        var refusal = store.replace(
                withPatel,
                withPatel.confirm("cal-1", null, NOW).moveTo(at("11:00", "11:30"), null, MeetingLinks.NONE, NOW),
                by(Change.Action.RESCHEDULED));

        assertThat(refusal).contains(new Rejection.PatientConflict());
        assertThat(store.byNumber(withPatel.number())).contains(withPatel);
    }

    @Test
    void a_discarded_hold_is_gone_and_its_slot_is_free() {
        var discarded = pending(DR_PATEL, ASHA, at("10:00", "10:30"));
        held(discarded, ASHA);

        store.discard(discarded.number());

        assertThat(store.byNumber(discarded.number())).isEmpty();
        assertThat(store.holdingSlotsOfDoctor(DR_PATEL, at("00:00", "23:59"))).isEmpty();
        assertThat(hold(pending(DR_PATEL, RAJESH, at("10:00", "10:30")), RAJESH))
                .isInstanceOf(HoldResult.Held.class);
    }

    @Test
    void a_confirmed_appointment_is_never_discarded() {
        var pendingOne = pending(DR_PATEL, ASHA, at("10:00", "10:30"));
        held(pendingOne, ASHA);
        var confirmed = changed(pendingOne, pendingOne.confirm("cal-1", null, NOW), Change.Action.CONFIRMED);

        store.discard(pendingOne.number());

        assertThat(store.byNumber(pendingOne.number())).contains(confirmed);
    }

    @Test
    void a_replace_stores_the_change_and_its_audit_line_when_nothing_changed_meanwhile() {
        var pendingOne = pending(DR_PATEL, ASHA, at("10:00", "10:30"));
        held(pendingOne, ASHA);
        var confirmed = pendingOne.confirm("cal-2", null, NOW.plusSeconds(1));

        var result = store.replace(
                pendingOne, confirmed, new Change("calendar:booking", Change.Action.CONFIRMED, null, NOW));

        assertThat(result).isEmpty();
        assertThat(store.byNumber(pendingOne.number())).contains(confirmed);
        assertThat(store.history(pendingOne.number()))
                .extracting(AuditEntry::action)
                .containsExactly(Change.Action.BOOKED, Change.Action.CONFIRMED);
    }

    @Test
    void a_replace_based_on_a_stale_read_is_refused_and_stores_nothing() {
        var pendingOne = pending(DR_PATEL, ASHA, at("10:00", "10:30"));
        held(pendingOne, ASHA);
        var cancelledMeanwhile = pendingOne.cancel(NOW);
        store.replace(pendingOne, cancelledMeanwhile, new Change("patient:x", Change.Action.CANCELLED, null, NOW));

        var lateConfirmation = store.replace(
                pendingOne,
                pendingOne.confirm("cal-3", null, NOW),
                new Change("calendar:booking", Change.Action.CONFIRMED, null, NOW));

        assertThat(lateConfirmation).contains(Appointments.CHANGED_MEANWHILE);
        assertThat(store.byNumber(pendingOne.number())).contains(cancelledMeanwhile);
        assertThat(store.history(pendingOne.number()))
                .extracting(AuditEntry::action)
                .containsExactly(Change.Action.BOOKED, Change.Action.CANCELLED);
    }

    @Test
    void of_two_simultaneous_cancels_exactly_one_succeeds() throws Exception {
        var pendingOne = pending(DR_PATEL, ASHA, at("10:00", "10:30"));
        held(pendingOne, ASHA);
        var confirmed = changed(pendingOne, pendingOne.confirm("cal-4", null, NOW), Change.Action.CONFIRMED);

        var results = simultaneously(List.<Callable<Optional<Rejection>>>of(
                () -> store.replace(
                        confirmed, confirmed.cancel(NOW), new Change("patient:a", Change.Action.CANCELLED, null, NOW)),
                () -> store.replace(
                        confirmed, confirmed.cancel(NOW), new Change("doctor:b", Change.Action.CANCELLED, null, NOW))));

        assertThat(results).filteredOn(Optional::isEmpty).hasSize(1);
        assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
        assertThat(store.history(pendingOne.number()))
                .filteredOn(e -> e.action() == Change.Action.CANCELLED)
                .hasSize(1);
    }

    @Test
    void discarding_an_unknown_number_changes_nothing() {
        var kept = pending(DR_PATEL, ASHA, at("10:00", "10:30"));
        held(kept, ASHA);

        store.discard(new AppointmentNumber("AID", BOOKED_ON, 999_999));

        assertThat(store.byNumber(kept.number())).contains(kept);
    }

    // --- finding appointments -----------------------------------------------------------------------------------

    @Test
    void an_unknown_number_or_patient_is_not_found() {
        assertThat(store.byNumber(new AppointmentNumber("AID", BOOKED_ON, 1))).isEmpty();
        assertThat(patients.byId(ASHA.id())).isEmpty();
    }

    @Test
    void a_doctors_holding_slots_are_the_pending_and_scheduled_ones_overlapping_the_window_by_start() {
        held(pending(DR_PATEL, ASHA, at("09:00", "09:30")), ASHA);
        var overlapsWindowEnd = held(pending(DR_PATEL, ASHA, at("11:45", "12:15")), ASHA);
        var scheduled =
                held(pending(DR_PATEL, RAJESH, at("10:00", "10:30")).confirm("cal-1", MeetingLinks.NONE, NOW), RAJESH);
        var cancelled = held(pending(DR_PATEL, MEERA, at("11:00", "11:30")), MEERA);
        changed(cancelled, cancelled.cancel(NOW), Change.Action.CANCELLED);
        held(pending(DR_PATEL, MEERA, at("12:15", "12:45")), MEERA);
        held(pending(DR_IYER, MEERA, at("10:00", "10:30")), MEERA);

        assertThat(store.holdingSlotsOfDoctor(DR_PATEL, at("09:30", "12:00")))
                .containsExactly(scheduled, overlapsWindowEnd);
        assertThat(store.holdingSlotsOfDoctor(DR_PATEL, at("09:30", "11:45"))).containsExactly(scheduled);
    }

    @Test
    void a_patients_holding_slots_are_the_pending_and_scheduled_ones_with_any_doctor_overlapping_the_window_by_start() {
        var withIyer = pending(DR_IYER, ASHA, at("11:00", "11:30"));
        held(withIyer, ASHA);
        var withPatel = pending(DR_PATEL, ASHA, at("10:00", "10:30"));
        held(withPatel, ASHA);
        var released = pending(DR_KHAN, ASHA, at("12:00", "12:30"));
        held(released, ASHA);
        changed(released, released.release(NOW), Change.Action.RELEASED);
        held(pending(DR_PATEL, ASHA, at("13:00", "13:30")), ASHA);
        held(pending(DR_KHAN, RAJESH, at("10:00", "10:30")), RAJESH);

        assertThat(store.holdingSlotsOfPatient(ASHA.id(), at("10:00", "13:00"))).containsExactly(withPatel, withIyer);
    }

    @Test
    void pending_holds_created_before_an_instant_are_listed_oldest_first() {
        var anHourAgo = held(
                Appointment.hold(
                        number(),
                        DR_PATEL,
                        ASHA.id(),
                        AppointmentType.CONSULTATION,
                        at("10:00", "10:30"),
                        null,
                        NOW.minus(Duration.ofHours(1))),
                ASHA);
        var twoHoursAgo = held(
                Appointment.hold(
                        number(),
                        DR_PATEL,
                        RAJESH.id(),
                        AppointmentType.CONSULTATION,
                        at("11:00", "11:30"),
                        null,
                        NOW.minus(Duration.ofHours(2))),
                RAJESH);
        held(
                Appointment.hold(
                                number(),
                                DR_PATEL,
                                MEERA.id(),
                                AppointmentType.CONSULTATION,
                                at("12:00", "12:30"),
                                null,
                                NOW.minus(Duration.ofHours(3)))
                        .confirm("cal-1", MeetingLinks.NONE, NOW),
                MEERA);
        held(
                Appointment.hold(
                        number(), DR_IYER, MEERA.id(), AppointmentType.CONSULTATION, at("13:00", "13:30"), null, NOW),
                MEERA);

        assertThat(store.pendingCreatedBefore(NOW)).containsExactly(twoHoursAgo, anHourAgo);
    }

    // --- pages --------------------------------------------------------------------------------------------------

    @Test
    void a_page_is_ordered_by_start_then_number_and_numbers_compare_as_numbers() {
        var patel = held(withNumber(10_000, DR_PATEL, ASHA, at("10:00", "10:30")), ASHA);
        var iyer = held(withNumber(9_999, DR_IYER, RAJESH, at("10:00", "10:30")), RAJESH);
        var khan = held(withNumber(5, DR_KHAN, MEERA, at("11:00", "11:30")), MEERA);
        var earliest = held(withNumber(7, DR_KHAN, ASHA, at("09:00", "09:30")), ASHA);

        assertThat(store.page(everything(10))).containsExactly(earliest, iyer, patel, khan);
    }

    @Test
    void a_page_filters_by_patient_doctor_and_status() {
        var ashaWithPatel = held(pending(DR_PATEL, ASHA, at("09:00", "09:30")), ASHA);
        var ashaWithIyer =
                held(pending(DR_IYER, ASHA, at("10:00", "10:30")).confirm("cal-1", MeetingLinks.NONE, NOW), ASHA);
        var rajeshWithPatel =
                held(pending(DR_PATEL, RAJESH, at("11:00", "11:30")).confirm("cal-2", MeetingLinks.NONE, NOW), RAJESH);

        assertThat(store.page(new AppointmentQuery(ASHA.id(), null, null, null, null, 10, null)))
                .containsExactly(ashaWithPatel, ashaWithIyer);
        assertThat(store.page(new AppointmentQuery(null, DR_PATEL, null, null, null, 10, null)))
                .containsExactly(ashaWithPatel, rajeshWithPatel);
        assertThat(store.page(new AppointmentQuery(null, null, AppointmentStatus.SCHEDULED, null, null, 10, null)))
                .containsExactly(ashaWithIyer, rajeshWithPatel);
        assertThat(store.page(
                        new AppointmentQuery(ASHA.id(), DR_IYER, AppointmentStatus.SCHEDULED, null, null, 10, null)))
                .containsExactly(ashaWithIyer);
        assertThat(store.page(new AppointmentQuery(RAJESH.id(), DR_IYER, null, null, null, 10, null)))
                .isEmpty();
    }

    @Test
    void a_page_from_an_instant_includes_starts_at_it_and_to_an_instant_excludes_them() {
        held(pending(DR_PATEL, ASHA, at("09:00", "09:30")), ASHA);
        var atFrom = held(pending(DR_PATEL, ASHA, at("10:00", "10:30")), ASHA);
        var inside = held(pending(DR_PATEL, ASHA, at("10:30", "11:00")), ASHA);
        held(pending(DR_PATEL, ASHA, at("11:00", "11:30")), ASHA);

        var query = new AppointmentQuery(null, null, null, monday("10:00"), monday("11:00"), 10, null);

        assertThat(store.page(query)).containsExactly(atFrom, inside);
    }

    @Test
    void a_page_holds_at_most_the_limit() {
        IntStream.range(0, 5).forEach(i -> held(pending(DR_PATEL, ASHA, at("0" + i + ":00", "0" + i + ":30")), ASHA));

        assertThat(store.page(everything(3))).hasSize(3);
    }

    @Test
    void pages_follow_one_another_by_cursor_without_gaps_or_repeats() {
        var all = new ArrayList<Appointment>();
        for (String start : List.of("09:00", "10:00", "11:00")) {
            var end = LocalTime.parse(start).plusMinutes(30).toString();
            all.add(held(pending(DR_PATEL, ASHA, at(start, end)), ASHA));
            all.add(held(pending(DR_IYER, RAJESH, at(start, end)), RAJESH));
            all.add(held(pending(DR_KHAN, MEERA, at(start, end)), MEERA));
        }

        var pages = new ArrayList<Appointment>();
        Cursor after = null;
        for (int i = 0; i < 10; i++) {
            var page = store.page(new AppointmentQuery(null, null, null, null, null, 4, after));
            pages.addAll(page);
            if (page.size() < 4) {
                break;
            }
            var last = page.getLast();
            after = new Cursor(last.slot().start(), last.number());
        }

        assertThat(pages).containsExactlyElementsOf(all);
    }

    // --- races --------------------------------------------------------------------------------------------------

    @Test
    void of_24_simultaneous_holds_on_one_slot_exactly_one_is_held_and_23_are_refused_as_taken() throws Exception {
        var slot = at("10:00", "10:30");
        var holds = IntStream.rangeClosed(1, 24)
                .mapToObj(i -> patient(100 + i, "Racer " + i, null))
                .map(p -> (Callable<HoldResult>) () -> hold(pending(DR_PATEL, p, slot), p))
                .toList();

        var results = simultaneously(holds);

        var held = results.stream()
                .filter(HoldResult.Held.class::isInstance)
                .map(r -> ((HoldResult.Held) r).appointment())
                .toList();
        assertThat(held).hasSize(1);
        assertThat(results)
                .filteredOn(HoldResult.Refused.class::isInstance)
                .hasSize(23)
                .allSatisfy(r -> assertThat(r).isEqualTo(refused(new Rejection.SlotUnavailable(Cause.TAKEN))));
        assertThat(store.holdingSlotsOfDoctor(DR_PATEL, slot)).containsExactlyElementsOf(held);
    }

    @Test
    void simultaneous_hour_long_holds_at_quarter_hour_offsets_never_overlap() throws Exception {
        var holds = IntStream.range(0, 16)
                .mapToObj(i -> {
                    var p = patient(200 + i, null, null);
                    var slot = TimeSlot.of(monday("08:00").plus(Duration.ofMinutes(15L * i)), Duration.ofHours(1));
                    return (Callable<HoldResult>) () -> hold(pending(DR_PATEL, p, slot), p);
                })
                .toList();

        var results = simultaneously(holds);

        var held = results.stream()
                .filter(HoldResult.Held.class::isInstance)
                .map(r -> ((HoldResult.Held) r).appointment().slot())
                .toList();
        assertThat(held).isNotEmpty();
        for (int i = 0; i < held.size(); i++) {
            for (int j = i + 1; j < held.size(); j++) {
                assertThat(held.get(i).overlaps(held.get(j)))
                        .as("%s overlaps %s", held.get(i), held.get(j))
                        .isFalse();
            }
        }
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof HoldResult.Refused refused) {
                assertThat(refused.reason()).isEqualTo(new Rejection.SlotUnavailable(Cause.TAKEN));
                var mine = TimeSlot.of(monday("08:00").plus(Duration.ofMinutes(15L * i)), Duration.ofHours(1));
                assertThat(held).as("a held slot that took %s", mine).anyMatch(mine::overlaps);
            }
        }
        assertThat(store.holdingSlotsOfDoctor(DR_PATEL, at("00:00", "23:59")))
                .extracting(Appointment::slot)
                .containsExactlyInAnyOrderElementsOf(held);
    }

    @Test
    void simultaneous_holds_of_a_patient_near_the_cap_stop_exactly_at_the_cap() throws Exception {
        for (int hour = 0; hour < 8; hour++) {
            assertThat(hold(
                            pending(
                                    DR_PATEL,
                                    ASHA,
                                    TimeSlot.of(monday("08:00").plus(Duration.ofHours(hour)), Duration.ofMinutes(30))),
                            ASHA))
                    .isInstanceOf(HoldResult.Held.class);
        }
        var tuesday = monday("08:00").plus(Duration.ofDays(1));
        var holds = IntStream.range(0, 10)
                .mapToObj(hour -> TimeSlot.of(tuesday.plus(Duration.ofHours(hour)), Duration.ofMinutes(30)))
                .map(slot -> (Callable<HoldResult>) () -> store.hold(pending(DR_IYER, ASHA, slot), ASHA, CAP, NOW))
                .toList();

        var results = simultaneously(holds);

        assertThat(results).filteredOn(HoldResult.Held.class::isInstance).hasSize(2);
        assertThat(results)
                .filteredOn(HoldResult.Refused.class::isInstance)
                .hasSize(8)
                .allSatisfy(r -> assertThat(r).isEqualTo(refused(new Rejection.AppointmentLimitReached(CAP))));
        var week = new TimeSlot(monday("00:00"), monday("00:00").plus(Duration.ofDays(7)));
        assertThat(store.holdingSlotsOfPatient(ASHA.id(), week)).hasSize(CAP);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    protected static Patient patient(int n, String name, String email) {
        return new Patient(new PatientId(new UUID(0x5a7e_0000_0000_4000L, 0x8000_0000_0000_0000L | n)), name, email);
    }

    private HoldResult hold(Appointment appointment, Patient patient) {
        return store.hold(appointment, patient, CAP, CLOCK.instant());
    }

    /** Holds it and hands it back, for specs that only arrange. */
    private Appointment held(Appointment appointment, Patient patient) {
        assertThat(hold(appointment, patient))
                .as("arranging %s", appointment.number())
                .isInstanceOf(HoldResult.Held.class);
        return appointment;
    }

    /** Changes a stored appointment as the use cases do, by compare-and-set from what was read; it must succeed. */
    private Appointment changed(Appointment read, Appointment after, Change.Action action) {
        assertThat(store.replace(read, after, by(action)))
                .as("changing %s", read.number())
                .isEmpty();
        return after;
    }

    private static Change by(Change.Action action) {
        return new Change("system:spec", action, null, NOW);
    }

    private Appointment pending(DoctorId doctor, Patient patient, TimeSlot slot) {
        return Appointment.hold(
                number(), doctor, patient.id(), AppointmentType.CONSULTATION, slot, null, CLOCK.instant());
    }

    private Appointment withNumber(long sequence, DoctorId doctor, Patient patient, TimeSlot slot) {
        return Appointment.hold(
                new AppointmentNumber("AID", BOOKED_ON, sequence),
                doctor,
                patient.id(),
                AppointmentType.CONSULTATION,
                slot,
                null,
                CLOCK.instant());
    }

    private AppointmentNumber number() {
        return new AppointmentNumber("AID", BOOKED_ON, sequence.incrementAndGet());
    }

    private static HoldResult refused(Rejection reason) {
        return new HoldResult.Refused(reason);
    }

    private static AppointmentQuery everything(int limit) {
        return new AppointmentQuery(null, null, null, null, null, limit, null);
    }

    private static Instant monday(String time) {
        return MONDAY.atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
    }

    private static TimeSlot at(String start, String end) {
        return new TimeSlot(monday(start), monday(end));
    }

    /** Runs every call at the same moment, each on its own thread, and returns their results in order. */
    private static <T> List<T> simultaneously(List<Callable<T>> calls) throws Exception {
        var executor = Executors.newFixedThreadPool(calls.size());
        var start = new CountDownLatch(1);
        try {
            var futures = calls.stream()
                    .map(call -> executor.submit(() -> {
                        start.await();
                        return call.call();
                    }))
                    .toList();
            start.countDown();
            var results = new ArrayList<T>();
            for (var future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }
}
