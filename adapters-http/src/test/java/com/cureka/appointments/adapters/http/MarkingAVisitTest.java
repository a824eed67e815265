package com.cureka.appointments.adapters.http;

import com.cureka.appointments.application.port.appointment.HoldResult;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;

import static com.cureka.appointments.adapters.http.TestClinic.NOW;
import static com.cureka.appointments.adapters.http.TestClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/appointments/{id}/complete} and {@code …/no-show}: the front desk records how a visit went. */
class MarkingAVisitTest {
    private final TestClinic clinic = TestClinic.open();
    private final UUID rajesh = UUID.randomUUID();

    @AfterEach
    void close() {
        clinic.close();
    }

    /** A visit that began an hour ago: booked before "now", so stored directly rather than through the booking rules. */
    private String visitThatBegan() {
        var number = AppointmentNumber.parse("AID-20250920-0001").orElseThrow();
        var slot = TimeSlot.of(NOW.minus(Duration.ofHours(1)), Duration.ofMinutes(30));
        var appointment = Appointment.hold(
                        number,
                        PRIYA,
                        new PatientId(rajesh),
                        AppointmentType.CONSULTATION,
                        slot,
                        null,
                        NOW.minus(Duration.ofDays(2)))
                .confirm("built-in", MeetingLinks.NONE, NOW.minus(Duration.ofDays(2)));
        var held = clinic.appointments.hold(
                appointment, new Patient(new PatientId(rajesh), "Rajesh", null), 10, NOW.minus(Duration.ofDays(2)));
        assertThat(held).isInstanceOf(HoldResult.Held.class);
        return "/api/v1/appointments/" + number.format();
    }

    @Test
    void its_doctor_marks_a_visit_that_began_as_completed_with_a_note_in_the_history() {
        var path = visitThatBegan();

        var response =
                clinic.post(path + "/complete", clinic.tokens.doctor(PRIYA.value()), "{\"note\": \"came on time\"}");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.at("/data/status").asText()).isEqualTo("completed");
        var marked = response.at("/data/history/1");
        assertThat(marked.get("action").asText()).isEqualTo("completed");
        assertThat(marked.get("actor").asText()).isEqualTo("doctor:" + PRIYA.value());
        assertThat(marked.get("reason").asText()).isEqualTo("came on time");
    }

    @Test
    void an_admin_marks_a_no_show_without_a_body() {
        var path = visitThatBegan();

        var response = clinic.send(
                clinic.request(path + "/no-show", clinic.tokens.admin()).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.at("/data/status").asText()).isEqualTo("no_show");
    }

    @Test
    void a_patient_may_not_mark_a_visit() {
        var path = visitThatBegan();

        var response = clinic.post(path + "/complete", clinic.tokens.patient(rajesh), "{}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.at("/code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void another_doctor_is_told_the_appointment_does_not_exist() {
        var path = visitThatBegan();

        var response = clinic.post(path + "/complete", clinic.tokens.doctor(UUID.randomUUID()), "{}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.at("/code").asText()).isEqualTo("APPOINTMENT_NOT_FOUND");
    }

    @Test
    void an_upcoming_visit_or_one_already_marked_is_an_invalid_state() {
        var upcoming = clinic.bookAt(clinic.tokens.patient(rajesh), "2025-09-23T14:30:00+05:30")
                .header("Location");
        var path = visitThatBegan();
        clinic.post(path + "/complete", clinic.tokens.admin(), "{}");

        var early = clinic.post(upcoming + "/no-show", clinic.tokens.admin(), "{}");
        var twice = clinic.post(path + "/no-show", clinic.tokens.admin(), "{}");

        assertThat(early.status()).isEqualTo(409);
        assertThat(early.at("/code").asText()).isEqualTo("INVALID_STATE");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.at("/code").asText()).isEqualTo("INVALID_STATE");
    }

    @Test
    void a_note_longer_than_the_limit_is_a_validation_error() {
        var path = visitThatBegan();

        var response =
                clinic.post(path + "/complete", clinic.tokens.admin(), "{\"note\": \"" + "x".repeat(501) + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.at("/code").asText()).isEqualTo("VALIDATION_ERROR");
    }
}
