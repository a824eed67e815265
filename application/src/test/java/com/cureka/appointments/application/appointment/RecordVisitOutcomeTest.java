package com.cureka.appointments.application.appointment;

import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.access.Viewer;
import com.cureka.appointments.application.appointment.RecordVisitOutcome.Outcome;
import com.cureka.appointments.application.port.appointment.AuditEntry;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.patient.Patient;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static com.cureka.appointments.application.appointment.InMemoryClinic.patient;
import static org.assertj.core.api.Assertions.assertThat;

class RecordVisitOutcomeTest {
    private static final String VISIT = "2025-09-23T14:30:00+05:30";

    private final InMemoryClinic clinic = new InMemoryClinic();
    private final Doctor doctor = clinic.doctor("Dr. Priya Patel");
    private final Patient patient = patient("Asha");
    private final Viewer theDoctor = new Viewer(doctor.id().value(), Role.DOCTOR);

    private RecordVisitOutcome at(String iso) {
        var clock = Clock.fixed(OffsetDateTime.parse(iso).toInstant(), ZoneOffset.UTC);
        return new RecordVisitOutcome(clinic.appointments, clinic.doctors, clinic.appointments, clock);
    }

    private AppointmentNumber booked() {
        var result = clinic.book.book(new BookAppointment.Command(
                patient, doctor.id(), Instant.from(OffsetDateTime.parse(VISIT)), AppointmentType.CONSULTATION, null));
        return ((BookAppointment.Result.Booked) result).details().appointment().number();
    }

    @Test
    void its_doctor_marks_a_visit_that_began_as_completed_and_the_trail_says_who() {
        var number = booked();

        var result = at("2025-09-23T14:40:00+05:30")
                .record(new RecordVisitOutcome.Command(theDoctor, number, Outcome.COMPLETED, "all well"));

        assertThat(result)
                .isInstanceOfSatisfying(
                        RecordVisitOutcome.Result.Recorded.class,
                        r -> assertThat(r.details().appointment().status()).isEqualTo(AppointmentStatus.COMPLETED));
        assertThat(clinic.appointments.history(number))
                .last()
                .extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::reason)
                .containsExactly(Change.Action.COMPLETED, "doctor:" + doctor.id(), "all well");
    }

    @Test
    void an_admin_marks_a_patient_who_did_not_come_as_a_no_show() {
        var number = booked();
        var admin = new Viewer(UUID.randomUUID(), Role.ADMIN);

        var result = at("2025-09-23T15:30:00+05:30")
                .record(new RecordVisitOutcome.Command(admin, number, Outcome.NO_SHOW, null));

        assertThat(result)
                .isInstanceOfSatisfying(
                        RecordVisitOutcome.Result.Recorded.class,
                        r -> assertThat(r.details().appointment().status()).isEqualTo(AppointmentStatus.NO_SHOW));
    }

    @Test
    void a_visit_that_has_not_begun_cannot_be_marked() {
        var number = booked();

        var result = at("2025-09-23T14:29:00+05:30")
                .record(new RecordVisitOutcome.Command(theDoctor, number, Outcome.COMPLETED, null));

        assertThat(result)
                .isInstanceOfSatisfying(
                        RecordVisitOutcome.Result.Rejected.class,
                        r -> assertThat(r.reason()).isInstanceOf(Rejection.InvalidState.class));
    }

    @Test
    void a_visit_already_marked_cannot_be_marked_again() {
        var number = booked();
        var later = at("2025-09-23T15:00:00+05:30");
        later.record(new RecordVisitOutcome.Command(theDoctor, number, Outcome.COMPLETED, null));

        var again = later.record(new RecordVisitOutcome.Command(theDoctor, number, Outcome.NO_SHOW, null));

        assertThat(again)
                .isInstanceOfSatisfying(
                        RecordVisitOutcome.Result.Rejected.class,
                        r -> assertThat(r.reason()).isInstanceOf(Rejection.InvalidState.class));
        assertThat(clinic.appointments.byNumber(number).orElseThrow().status()).isEqualTo(AppointmentStatus.COMPLETED);
    }

    @Test
    void another_doctor_or_the_patient_is_told_it_does_not_exist() {
        var number = booked();
        var stranger = new Viewer(UUID.randomUUID(), Role.DOCTOR);
        var thePatient = new Viewer(patient.id().value(), Role.PATIENT);
        var later = at("2025-09-23T15:00:00+05:30");

        var byStranger = later.record(new RecordVisitOutcome.Command(stranger, number, Outcome.COMPLETED, null));
        var byPatient = later.record(new RecordVisitOutcome.Command(thePatient, number, Outcome.COMPLETED, null));

        assertThat(byStranger).isEqualTo(new RecordVisitOutcome.Result.Rejected(new Rejection.AppointmentNotFound()));
        assertThat(byPatient).isEqualTo(new RecordVisitOutcome.Result.Rejected(new Rejection.AppointmentNotFound()));
        assertThat(clinic.appointments.byNumber(number).orElseThrow().status()).isEqualTo(AppointmentStatus.SCHEDULED);
    }
}
