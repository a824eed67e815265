package com.cureka.appointments.adapters.http;

import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** API.md: a store that cannot be reached is 503 SERVICE_UNAVAILABLE with Retry-After, never 500. */
class ServiceUnavailableTest {
    private TestClinic clinic;

    @AfterEach
    void close() {
        clinic.close();
    }

    /** Doctors whose store fails: with an outage, or with a bug. */
    private record FailingDoctors(RuntimeException failure) implements Doctors {
        public boolean add(Doctor doctor) {
            throw failure;
        }

        public Optional<Doctor> byId(DoctorId id) {
            throw failure;
        }

        public List<Doctor> active(String specialtyOrNull) {
            throw failure;
        }

        public boolean update(Doctor doctor) {
            throw failure;
        }
    }

    private TestClinic.Response listDoctorsWhenTheStoreThrows(RuntimeException failure) {
        clinic = TestClinic.open(TestClinic.Options.standard()
                .withDoctorsPort(d -> new FailingDoctors(failure))
                .withUnavailability(e -> e.getCause() instanceof SQLTransientConnectionException));
        return clinic.get("/api/v1/doctors", clinic.tokens.patient(UUID.randomUUID()));
    }

    @Test
    void an_unreachable_store_is_503_service_unavailable_with_retry_after() {
        var response = listDoctorsWhenTheStoreThrows(
                new IllegalStateException(new SQLTransientConnectionException("connection refused")));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(response.header("Retry-After")).isEqualTo("2");
        assertThat(response.at("/success").asBoolean()).isFalse();
        assertThat(response.text()).doesNotContain("connection refused");
    }

    @Test
    void any_other_failure_is_still_an_internal_error() {
        var response = listDoctorsWhenTheStoreThrows(new IllegalStateException("a bug"));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(response.header("Retry-After")).isNull();
    }
}
