package com.cureka.appointments.application.appointment;

import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.access.Viewer;
import com.cureka.appointments.application.availability.FindAvailableSlots;
import com.cureka.appointments.application.calendar.BuiltInCalendar;
import com.cureka.appointments.application.memory.InProcessBookingRateLimiter;
import com.cureka.appointments.application.port.availability.RateLimit;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
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
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import static com.cureka.appointments.application.appointment.InMemoryClinic.patient;
import static org.assertj.core.api.Assertions.assertThat;

class BookAppointmentTest {
    private final InMemoryClinic clinic = new InMemoryClinic();
    private final Doctor doctor = clinic.doctor("Dr. Priya Patel");

    private static Instant at(String isoWithOffset) {
        return OffsetDateTime.parse(isoWithOffset).toInstant();
    }

    private BookAppointment.Result book(Patient patient, String when) {
        return clinic.book.book(
                new BookAppointment.Command(patient, doctor.id(), at(when), AppointmentType.CONSULTATION, null));
    }

    @Test
    void booking_a_free_slot_schedules_it_with_the_first_number_of_the_day() {
        var result = book(patient("Rajesh Kumar"), "2025-09-23T14:30:00+05:30");

        assertThat(result).isInstanceOf(BookAppointment.Result.Booked.class);
        var details = ((BookAppointment.Result.Booked) result).details();
        assertThat(details.appointment().number().format()).isEqualTo("AID-20250921-0001");
        assertThat(details.appointment().status()).isEqualTo(AppointmentStatus.SCHEDULED);
        assertThat(details.appointment().slot().length()).isEqualTo(Duration.ofMinutes(30));
        assertThat(details.patient().name()).isEqualTo("Rajesh Kumar");
        assertThat(details.doctor().name()).isEqualTo("Dr. Priya Patel");
        assertThat(details.appointment().links().videoConferenceUrl())
                .startsWith("https://meet.example/aid-20250921-0001-");
    }

    @Test
    void booking_the_same_doctor_start_and_type_again_is_a_retry_that_finds_the_first_booking() {
        var rajesh = patient("Rajesh Kumar");
        var first = (BookAppointment.Result.Booked) book(rajesh, "2025-09-23T14:30:00+05:30");

        var again = book(rajesh, "2025-09-23T14:30:00+05:30");

        assertThat(again)
                .isInstanceOfSatisfying(
                        BookAppointment.Result.AlreadyBooked.class,
                        same -> assertThat(same.details().appointment())
                                .isEqualTo(first.details().appointment()));
    }

    @Test
    void another_type_at_the_same_start_is_no_retry_but_a_conflict_with_the_patients_own_booking() {
        var rajesh = patient("Rajesh Kumar");
        book(rajesh, "2025-09-23T14:30:00+05:30");

        var followup = clinic.book.book(new BookAppointment.Command(
                rajesh, doctor.id(), at("2025-09-23T14:30:00+05:30"), AppointmentType.FOLLOWUP, null));

        assertThat(followup).isInstanceOf(BookAppointment.Result.Rejected.class);
    }

    @Test
    void another_patient_meeting_that_booking_is_refused_as_before() {
        book(patient("First"), "2025-09-23T14:30:00+05:30");

        assertThat(book(patient("Second"), "2025-09-23T14:30:00+05:30"))
                .isInstanceOf(BookAppointment.Result.Rejected.class);
    }

    @Test
    void booking_a_taken_slot_is_rejected_with_alternatives() {
        book(patient("First"), "2025-09-23T14:30:00+05:30");

        var result = book(patient("Second"), "2025-09-23T14:30:00+05:30");

        assertThat(result).isInstanceOfSatisfying(BookAppointment.Result.Rejected.class, rejected -> {
            assertThat(rejected.refusal().reason())
                    .isEqualTo(new Rejection.SlotUnavailable(Rejection.SlotUnavailable.Cause.TAKEN));
            // Nearest first, none overlapping the taken 14:30–15:00.
            assertThat(rejected.refusal().alternatives())
                    .extracting(TimeSlot::start)
                    .containsExactly(
                            at("2025-09-23T14:00:00+05:30"),
                            at("2025-09-23T15:00:00+05:30"),
                            at("2025-09-23T13:45:00+05:30"),
                            at("2025-09-23T15:15:00+05:30"),
                            at("2025-09-23T13:30:00+05:30"));
            assertThat(rejected.refusal().doctorZone()).contains(InMemoryClinic.KOLKATA);
        });
    }

    @Test
    void alternatives_skip_times_that_clash_with_the_patients_own_appointments() {
        var patient = patient("Busy");
        var other = clinic.doctor("Dr. Other");
        clinic.book.book(new BookAppointment.Command(
                patient, other.id(), at("2025-09-23T15:00:00+05:30"), AppointmentType.CONSULTATION, null));
        book(patient("First"), "2025-09-23T14:30:00+05:30");

        var result = (BookAppointment.Result.Rejected) book(patient, "2025-09-23T14:30:00+05:30");

        assertThat(result.refusal().alternatives())
                .extracting(TimeSlot::start)
                .doesNotContain(
                        at("2025-09-23T15:00:00+05:30"),
                        at("2025-09-23T14:45:00+05:30"),
                        at("2025-09-23T15:15:00+05:30"))
                .hasSize(5);
    }

    @Test
    void a_time_outside_working_hours_is_rejected_with_alternatives_inside_them() {
        var result = book(patient("Late"), "2025-09-23T19:00:00+05:30");

        assertThat(result).isInstanceOfSatisfying(BookAppointment.Result.Rejected.class, rejected -> {
            assertThat(rejected.refusal().reason()).isInstanceOf(Rejection.OutsideBusinessHours.class);
            assertThat(rejected.refusal().alternatives())
                    .hasSize(5)
                    .first()
                    .extracting(TimeSlot::start)
                    .isEqualTo(at("2025-09-23T17:30:00+05:30"));
        });
    }

    @Test
    void a_patient_cannot_hold_two_overlapping_appointments_with_different_doctors() {
        var patient = patient("Double");
        var other = clinic.doctor("Dr. Second");
        book(patient, "2025-09-23T14:30:00+05:30");

        var result = clinic.book.book(new BookAppointment.Command(
                patient, other.id(), at("2025-09-23T14:45:00+05:30"), AppointmentType.CONSULTATION, null));

        assertThat(result)
                .isInstanceOfSatisfying(
                        BookAppointment.Result.Rejected.class,
                        r -> assertThat(r.refusal().reason()).isInstanceOf(Rejection.PatientConflict.class));
    }

    @Test
    void an_unknown_or_deactivated_doctor_is_not_found() {
        var unknown = clinic.book.book(new BookAppointment.Command(
                patient("P"), DoctorId.random(), at("2025-09-23T14:30:00+05:30"), AppointmentType.CONSULTATION, null));
        clinic.doctors.update(doctor.deactivated());
        var deactivated = book(patient("P"), "2025-09-23T14:30:00+05:30");

        assertThat(List.of(unknown, deactivated))
                .allSatisfy(r -> assertThat(r)
                        .isInstanceOfSatisfying(
                                BookAppointment.Result.Rejected.class,
                                x -> assertThat(x.refusal().reason()).isInstanceOf(Rejection.DoctorNotFound.class)));
    }

    @Test
    void the_sixth_attempt_in_a_minute_is_rate_limited_before_any_rule_is_checked() {
        var limited = new InMemoryClinic(
                new BuiltInCalendar(null),
                new InProcessBookingRateLimiter(RateLimit.perMinute(5), new InMemoryClinic().clock));
        var doctor = limited.doctor("Dr. Limit");
        var patient = patient("Eager");
        for (int i = 0; i < 5; i++) {
            limited.book.book(
                    new BookAppointment.Command(patient, doctor.id(), at("2025-09-20T10:00:00+05:30"), null, null));
        }

        var sixth = limited.book.book(
                new BookAppointment.Command(patient, doctor.id(), at("2025-09-23T10:00:00+05:30"), null, null));

        assertThat(sixth)
                .isInstanceOfSatisfying(
                        BookAppointment.Result.Rejected.class,
                        r -> assertThat(r.refusal().reason())
                                .isInstanceOfSatisfying(
                                        Rejection.RateLimited.class,
                                        rl -> assertThat(rl.retryAfter())
                                                .isPositive()
                                                .isLessThanOrEqualTo(Duration.ofMinutes(1))));
    }

    @Test
    void twenty_four_patients_racing_for_one_slot_yield_exactly_one_booking() throws Exception {
        var tasks = new ArrayList<Callable<BookAppointment.Result>>();
        for (int i = 0; i < 24; i++) {
            var p = patient("Racer " + i);
            tasks.add(() -> book(p, "2025-09-23T14:30:00+05:30"));
        }
        try (var pool = Executors.newFixedThreadPool(24)) {
            var results = pool.invokeAll(tasks).stream()
                    .map(f -> {
                        try {
                            return f.get();
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    })
                    .toList();

            assertThat(results)
                    .filteredOn(r -> r instanceof BookAppointment.Result.Booked)
                    .hasSize(1);
            assertThat(results)
                    .filteredOn(r -> r instanceof BookAppointment.Result.Rejected rj
                            && rj.refusal().reason() instanceof Rejection.SlotUnavailable)
                    .hasSize(23);
        }
    }

    @Test
    void a_booked_slot_disappears_from_the_listing_at_once() {
        var day = LocalDate.of(2025, 9, 23);
        var query = new FindAvailableSlots.Query(doctor.id(), day, AppointmentType.CONSULTATION);
        var before = (FindAvailableSlots.Result.Found) clinic.findSlots.find(query);

        book(patient("P"), "2025-09-23T14:30:00+05:30");
        var after = (FindAvailableSlots.Result.Found) clinic.findSlots.find(query);

        assertThat(before.slots()).extracting(TimeSlot::start).contains(at("2025-09-23T14:30:00+05:30"));
        assertThat(after.slots())
                .extracting(TimeSlot::start)
                .doesNotContain(
                        at("2025-09-23T14:15:00+05:30"),
                        at("2025-09-23T14:30:00+05:30"),
                        at("2025-09-23T14:45:00+05:30"))
                .hasSize(before.slots().size() - 3);
    }

    @Test
    void today_only_slots_at_least_an_hour_ahead_are_offered() {
        var today = (FindAvailableSlots.Result.Found) clinic.findSlots.find(
                new FindAvailableSlots.Query(doctor.id(), LocalDate.of(2025, 9, 21), AppointmentType.CONSULTATION));

        assertThat(today.slots().getFirst().start()).isEqualTo(at("2025-09-21T11:00:00+05:30"));
    }

    @Test
    void only_the_patient_its_doctor_and_an_admin_can_see_an_appointment() {
        var owner = patient("Owner");
        var booked = (BookAppointment.Result.Booked) book(owner, "2025-09-23T14:30:00+05:30");
        var number = booked.details().appointment().number();

        assertThat(clinic.get.get(new Viewer(owner.id().value(), Role.PATIENT), number))
                .isPresent();
        assertThat(clinic.get.get(new Viewer(doctor.id().value(), Role.DOCTOR), number))
                .isPresent();
        assertThat(clinic.get.get(new Viewer(UUID.randomUUID(), Role.ADMIN), number))
                .isPresent();
        assertThat(clinic.get.get(new Viewer(patient("Other").id().value(), Role.PATIENT), number))
                .isEmpty();
        assertThat(clinic.get.get(new Viewer(UUID.randomUUID(), Role.DOCTOR), number))
                .isEmpty();
    }
}
