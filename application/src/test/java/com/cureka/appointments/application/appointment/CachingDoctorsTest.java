package com.cureka.appointments.application.appointment;

import com.cureka.appointments.application.doctor.CachingDoctors;
import com.cureka.appointments.application.memory.InMemoryDoctors;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.schedule.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class CachingDoctorsTest {
    private Instant now = Instant.parse("2025-09-21T04:30:00Z");
    private final Clock clock = new Clock() {
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    };
    private final InMemoryDoctors source = new InMemoryDoctors();
    private final CachingDoctors cached = new CachingDoctors(source, Duration.ofSeconds(5), clock);
    private final Doctor doctor =
            new Doctor(DoctorId.random(), "Dr. Cached", null, null, Schedule.standard(ZoneOffset.UTC), null, true);

    @Test
    void a_change_made_through_this_instance_is_seen_at_once() {
        cached.add(doctor);
        cached.byId(doctor.id());

        cached.update(doctor.deactivated());

        assertThat(cached.byId(doctor.id()))
                .hasValueSatisfying(d -> assertThat(d.active()).isFalse());
    }

    @Test
    void a_change_made_elsewhere_is_seen_once_the_entry_expires() {
        source.add(doctor);
        cached.byId(doctor.id());
        source.update(doctor.deactivated()); // another instance

        var soon = cached.byId(doctor.id());
        now = now.plusSeconds(6);
        var later = cached.byId(doctor.id());

        assertThat(soon).hasValueSatisfying(d -> assertThat(d.active()).isTrue());
        assertThat(later).hasValueSatisfying(d -> assertThat(d.active()).isFalse());
    }

    @Test
    void an_unknown_doctor_is_asked_for_every_time_and_found_once_added() {
        assertThat(cached.byId(doctor.id())).isEmpty();
        source.add(doctor);

        assertThat(cached.byId(doctor.id())).contains(doctor);
    }
}
