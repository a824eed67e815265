package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.schedule.Schedule;
import com.cureka.appointments.domain.schedule.TimeOff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class DeactivationIsFinalTest {
    private static PostgresDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabases.migrated(2);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void a_schedule_change_based_on_a_read_from_before_the_deactivation_does_not_reactivate_the_doctor() {
        var doctors = new JdbiDoctors(database.jdbi());
        var doctor =
                new Doctor(DoctorId.random(), "Dr. Racing", null, null, Schedule.standard(ZoneOffset.UTC), null, true);
        doctors.add(doctor);
        var readBeforeDeactivation = doctors.byId(doctor.id()).orElseThrow();
        doctors.update(readBeforeDeactivation.deactivated());

        doctors.update(readBeforeDeactivation.withSchedule(readBeforeDeactivation
                .schedule()
                .withTimeOff(new TimeOff(
                        Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-01-02T00:00:00Z"), "leave"))));

        assertThat(doctors.byId(doctor.id()))
                .hasValueSatisfying(d -> assertThat(d.active()).isFalse());
    }
}
