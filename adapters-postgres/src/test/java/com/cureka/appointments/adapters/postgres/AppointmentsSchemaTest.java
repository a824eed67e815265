package com.cureka.appointments.adapters.postgres;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The invariants are the database's, not the code's: they hold for any client, even plain SQL. */
class AppointmentsSchemaTest {
    private static final UUID DOCTOR = UUID.fromString("00000000-0000-4000-8000-00000000d001");
    private static final UUID OTHER_DOCTOR = UUID.fromString("00000000-0000-4000-8000-00000000d002");
    private static final UUID PATIENT = UUID.fromString("00000000-0000-4000-8000-00000000a001");
    private static final UUID OTHER_PATIENT = UUID.fromString("00000000-0000-4000-8000-00000000a002");

    private static PostgresDatabase database;
    private int sequence;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabases.migrated(2);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void twoDoctorsAndTwoPatients() {
        database.jdbi().useHandle(h -> {
            h.execute("TRUNCATE appointment_history, appointment_reminders, appointments, patients, doctors");
            for (UUID doctor : new UUID[] {DOCTOR, OTHER_DOCTOR}) {
                h.execute(
                        "INSERT INTO doctors (id, name, time_zone, working_hours, slot_interval_minutes) "
                                + "VALUES (?, 'Dr. Test', 'UTC', '{}', 15)",
                        doctor);
            }
            for (UUID patient : new UUID[] {PATIENT, OTHER_PATIENT}) {
                h.execute("INSERT INTO patients (id, created_at, updated_at) VALUES (?, now(), now())", patient);
            }
        });
    }

    @Test
    void an_overlapping_appointment_of_a_doctor_inserted_by_hand_is_refused_by_the_doctors_constraint() {
        insert(DOCTOR, PATIENT, "10:00", "10:30", "SCHEDULED");

        assertThatThrownBy(() -> insert(DOCTOR, OTHER_PATIENT, "10:15", "10:45", "PENDING"))
                .satisfies(e -> {
                    assertThat(PostgresErrors.sqlState(e)).contains(PostgresErrors.EXCLUSION_VIOLATION);
                    assertThat(PostgresErrors.constraint(e)).contains(JdbiAppointments.DOCTOR_OVERLAP);
                });
    }

    @Test
    void an_overlapping_appointment_of_a_patient_inserted_by_hand_is_refused_by_the_patients_constraint() {
        insert(DOCTOR, PATIENT, "10:00", "10:30", "PENDING");

        assertThatThrownBy(() -> insert(OTHER_DOCTOR, PATIENT, "10:29", "10:59", "SCHEDULED"))
                .satisfies(e -> {
                    assertThat(PostgresErrors.sqlState(e)).contains(PostgresErrors.EXCLUSION_VIOLATION);
                    assertThat(PostgresErrors.constraint(e)).contains(JdbiAppointments.PATIENT_OVERLAP);
                });
    }

    @Test
    void an_overlap_with_the_same_doctor_and_patient_is_reported_as_the_doctors() {
        insert(DOCTOR, PATIENT, "10:00", "10:30", "PENDING");

        assertThatThrownBy(() -> insert(DOCTOR, PATIENT, "10:00", "10:30", "PENDING"))
                .satisfies(e -> assertThat(PostgresErrors.constraint(e)).contains(JdbiAppointments.DOCTOR_OVERLAP));
    }

    @Test
    void moving_an_appointment_by_hand_onto_a_taken_slot_is_refused() {
        insert(DOCTOR, PATIENT, "10:00", "10:30", "SCHEDULED");
        String mine = insert(DOCTOR, OTHER_PATIENT, "11:00", "11:30", "SCHEDULED");

        assertThatThrownBy(() -> database.jdbi()
                        .useHandle(h -> h.execute(
                                "UPDATE appointments SET starts_at = starts_at - interval '45 minutes' WHERE number = ?",
                                mine)))
                .satisfies(e -> assertThat(PostgresErrors.sqlState(e)).contains(PostgresErrors.EXCLUSION_VIOLATION));
    }

    @Test
    void back_to_back_appointments_are_accepted() {
        insert(DOCTOR, PATIENT, "10:00", "10:30", "SCHEDULED");
        insert(DOCTOR, OTHER_PATIENT, "10:30", "11:00", "SCHEDULED");
        insert(OTHER_DOCTOR, PATIENT, "10:30", "11:00", "SCHEDULED");

        assertThat(count()).isEqualTo(3);
    }

    @Test
    void cancelled_completed_and_no_show_appointments_do_not_hold_their_slot() {
        insert(DOCTOR, PATIENT, "10:00", "10:30", "CANCELLED");
        insert(DOCTOR, PATIENT, "10:00", "10:30", "COMPLETED");
        insert(DOCTOR, PATIENT, "10:00", "10:30", "NO_SHOW");
        insert(DOCTOR, PATIENT, "10:00", "10:30", "SCHEDULED");

        assertThat(count()).isEqualTo(4);
    }

    @Test
    void an_unknown_status_a_malformed_number_and_an_empty_slot_are_refused() {
        assertThatThrownBy(() -> insert(DOCTOR, PATIENT, "10:00", "10:30", "BOOKED"))
                .satisfies(e -> assertThat(PostgresErrors.constraint(e)).contains("appointments_status_known"));
        assertThatThrownBy(() -> insert(DOCTOR, PATIENT, "10:30", "10:30", "PENDING"))
                .satisfies(e -> assertThat(PostgresErrors.constraint(e)).contains("appointments_start_before_end"));
        assertThatThrownBy(() -> database.jdbi()
                        .useHandle(h -> insert(h, "AID-2025-1", DOCTOR, PATIENT, "10:00", "10:30", "PENDING")))
                .satisfies(e -> assertThat(PostgresErrors.constraint(e)).contains("appointments_number_format"));
        assertThat(count()).isZero();
    }

    private String insert(UUID doctor, UUID patient, String start, String end, String status) {
        String number = "AID-20251124-%04d".formatted(++sequence);
        database.jdbi().useHandle(h -> insert(h, number, doctor, patient, start, end, status));
        return number;
    }

    private static void insert(
            Handle h, String number, UUID doctor, UUID patient, String start, String end, String status) {
        h.execute("""
                INSERT INTO appointments (number, doctor_id, patient_id, appointment_type, starts_at, ends_at, status,
                                          created_at, updated_at)
                VALUES (?, ?, ?, 'CONSULTATION', CAST(? AS timestamptz), CAST(? AS timestamptz), ?, now(), now())
                """, number, doctor, patient, "2025-11-24 " + start + "Z", "2025-11-24 " + end + "Z", status);
    }

    private static int count() {
        return database.jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM appointments")
                        .mapTo(Integer.class)
                        .one());
    }
}
