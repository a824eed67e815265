package com.cureka.appointments.testkit.postgres;

import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.domain.doctor.CalendarAccount;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.schedule.Schedule;
import com.cureka.appointments.domain.schedule.TimeOff;
import com.cureka.appointments.domain.schedule.WorkingHours;
import com.cureka.appointments.domain.schedule.WorkingPeriod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link Doctors} implementation must do, as its Javadoc says. Extend it with a fresh, empty store per test. */
public abstract class DoctorsContract<D extends Doctors> {
    private static final DoctorId PRIYA = new DoctorId(UUID.fromString("0c5e2a4e-2222-4b7c-8d2e-000000000001"));
    private static final DoctorId ARJUN = new DoctorId(UUID.fromString("0c5e2a4e-2222-4b7c-8d2e-000000000002"));
    private static final DoctorId BINA = new DoctorId(UUID.fromString("0c5e2a4e-2222-4b7c-8d2e-000000000003"));
    private static final DoctorId CHETAN = new DoctorId(UUID.fromString("0c5e2a4e-2222-4b7c-8d2e-000000000004"));

    private D doctors;

    /** A new, empty store for one spec. */
    protected abstract D newDoctors();

    @BeforeEach
    void emptyStore() {
        doctors = newDoctors();
    }

    @Test
    void a_new_doctor_is_stored_with_everything_that_decides_when_they_can_be_booked() {
        var priya = priya();

        assertThat(doctors.add(priya)).isTrue();
        assertThat(doctors.byId(PRIYA)).contains(priya);
    }

    @Test
    void a_doctor_without_specialty_email_or_external_calendar_is_stored_without_them() {
        var plain = new Doctor(
                ARJUN, "Dr. Arjun Mehta", null, null, Schedule.standard(ZoneId.of("Europe/Berlin")), null, true);

        doctors.add(plain);

        assertThat(doctors.byId(ARJUN)).contains(plain);
    }

    @Test
    void a_calendar_account_without_event_types_is_kept_as_an_account() {
        var withAccount = new Doctor(
                ARJUN,
                "Dr. Arjun Mehta",
                "Dermatology",
                null,
                Schedule.standard(ZoneId.of("Asia/Kolkata")),
                new CalendarAccount("arjun", Map.of()),
                true);

        doctors.add(withAccount);

        assertThat(doctors.byId(ARJUN)).contains(withAccount);
    }

    @Test
    void adding_a_doctor_whose_id_is_taken_is_refused_and_keeps_the_first() {
        doctors.add(priya());
        var impostor = doctor(PRIYA, "Dr. Someone Else", "Surgery");

        assertThat(doctors.add(impostor)).isFalse();
        assertThat(doctors.byId(PRIYA)).contains(priya());
    }

    @Test
    void the_id_of_a_deactivated_doctor_stays_taken() {
        doctors.add(priya().deactivated());

        assertThat(doctors.add(priya())).isFalse();
        assertThat(doctors.byId(PRIYA))
                .hasValueSatisfying(d -> assertThat(d.active()).isFalse());
    }

    @Test
    void an_unknown_doctor_is_not_found() {
        doctors.add(priya());

        assertThat(doctors.byId(ARJUN)).isEmpty();
    }

    @Test
    void active_doctors_are_listed_by_name() {
        var chetan = doctor(CHETAN, "Dr. Chetan Rao", "Cardiology");
        var arjun = doctor(ARJUN, "Dr. Arjun Mehta", "Dermatology");
        var bina = doctor(BINA, "Dr. Bina Shah", null);
        doctors.add(chetan);
        doctors.add(arjun);
        doctors.add(bina);

        assertThat(doctors.active(null)).containsExactly(arjun, bina, chetan);
    }

    @Test
    void a_specialty_is_matched_ignoring_case() {
        var chetan = doctor(CHETAN, "Dr. Chetan Rao", "Cardiology");
        var arjun = doctor(ARJUN, "Dr. Arjun Mehta", "CARDIOLOGY");
        doctors.add(chetan);
        doctors.add(arjun);
        doctors.add(doctor(BINA, "Dr. Bina Shah", "Dermatology"));
        doctors.add(doctor(PRIYA, "Dr. Priya Patel", null));

        assertThat(doctors.active("cardiology")).containsExactly(arjun, chetan);
        assertThat(doctors.active("Neurology")).isEmpty();
    }

    @Test
    void a_deactivated_doctor_is_no_longer_listed_but_is_still_found_by_id() {
        var arjun = doctor(ARJUN, "Dr. Arjun Mehta", "Cardiology");
        doctors.add(priya());
        doctors.add(arjun);

        assertThat(doctors.update(priya().deactivated())).isTrue();

        assertThat(doctors.active(null)).containsExactly(arjun);
        assertThat(doctors.active("Cardiology")).containsExactly(arjun);
        assertThat(doctors.byId(PRIYA)).contains(priya().deactivated());
    }

    @Test
    void an_update_replaces_the_schedule() {
        doctors.add(priya());
        var saturdaysOnly = new WorkingHours(Map.of(DayOfWeek.SATURDAY, List.of(WorkingPeriod.of("08:00", "12:00"))));
        var changed = priya().withSchedule(priya().schedule()
                .withWorkingHours(saturdaysOnly)
                .withTimeOff(new TimeOff(
                        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"), null)));

        assertThat(doctors.update(changed)).isTrue();
        assertThat(doctors.byId(PRIYA)).contains(changed);
    }

    @Test
    void each_time_off_keeps_its_id_so_that_one_can_be_removed_later() {
        doctors.add(priya());
        var first = priya().schedule().timeOff().getFirst();

        assertThat(doctors.byId(PRIYA).orElseThrow().schedule().timeOff(first.id()))
                .contains(first);

        assertThat(doctors.update(priya().withSchedule(priya().schedule().withoutTimeOff(first.id()))))
                .isTrue();
        var left = doctors.byId(PRIYA).orElseThrow().schedule().timeOff();
        assertThat(left).hasSize(1).doesNotContain(first);
        assertThat(left.getFirst().id())
                .isEqualTo(priya().schedule().timeOff().get(1).id());
    }

    @Test
    void updating_an_unknown_doctor_is_refused_and_stores_nothing() {
        assertThat(doctors.update(priya())).isFalse();
        assertThat(doctors.byId(PRIYA)).isEmpty();
        assertThat(doctors.active(null)).isEmpty();
    }

    /** Two periods on Mondays, a short Saturday, a 20-minute grid, time off and a calendar account. */
    private static Doctor priya() {
        var hours = new WorkingHours(Map.of(
                DayOfWeek.MONDAY, List.of(WorkingPeriod.of("14:00", "18:00"), WorkingPeriod.of("09:00", "13:00")),
                DayOfWeek.SATURDAY, List.of(WorkingPeriod.of("10:00", "12:30"))));
        var timeOff = List.of(
                new TimeOff(
                        UUID.fromString("0c5e2a4e-3333-4b7c-8d2e-000000000001"),
                        Instant.parse("2025-12-01T03:30:00Z"),
                        Instant.parse("2025-12-05T12:30:00Z"),
                        "Conference \"CardioCon\" in Pune \\ 5 days"),
                new TimeOff(
                        UUID.fromString("0c5e2a4e-3333-4b7c-8d2e-000000000002"),
                        Instant.parse("2025-12-24T00:00:00.123456Z"),
                        Instant.parse("2025-12-26T00:00:00Z"),
                        null));
        var calendar = new CalendarAccount(
                "priya-patel", Map.of(AppointmentType.CONSULTATION, "1234", AppointmentType.EMERGENCY, "5678"));
        return new Doctor(
                PRIYA,
                "Dr. Priya Patel",
                "Cardiology",
                "priya@example.org",
                new Schedule(ZoneId.of("Asia/Kolkata"), hours, 20, timeOff),
                calendar,
                true);
    }

    private static Doctor doctor(DoctorId id, String name, String specialty) {
        return new Doctor(id, name, specialty, null, Schedule.standard(ZoneId.of("Asia/Kolkata")), null, true);
    }
}
