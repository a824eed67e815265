package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.appointment.HoldResult;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import com.cureka.appointments.domain.schedule.Schedule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Doctors may be cached by an instance; the database still refuses a hold for a doctor deactivated elsewhere. */
class DeactivatedDoctorHoldTest {
    private static final Instant NOW = Instant.parse("2025-11-20T08:00:00Z");
    private static PostgresDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabases.migrated(4);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void a_hold_for_a_doctor_deactivated_by_another_instance_is_refused_as_not_found() {
        var doctors = new JdbiDoctors(database.jdbi());
        var doctor =
                new Doctor(DoctorId.random(), "Dr. Leaving", null, null, Schedule.standard(ZoneOffset.UTC), null, true);
        doctors.add(doctor);
        doctors.update(doctor.deactivated());
        var patient = new Patient(new PatientId(UUID.randomUUID()), "P", null);
        var hold = Appointment.hold(
                new AppointmentNumber("AID", LocalDate.of(2025, 11, 20), 1),
                doctor.id(),
                patient.id(),
                AppointmentType.CONSULTATION,
                TimeSlot.of(NOW.plus(Duration.ofDays(1)), Duration.ofMinutes(30)),
                null,
                NOW);

        var result = new JdbiAppointments(database.jdbi()).hold(hold, patient, 10, NOW);

        assertThat(result).isEqualTo(new HoldResult.Refused(new Rejection.DoctorNotFound()));
        assertThat(new JdbiAppointments(database.jdbi()).byNumber(hold.number()))
                .isEmpty();
    }
}
