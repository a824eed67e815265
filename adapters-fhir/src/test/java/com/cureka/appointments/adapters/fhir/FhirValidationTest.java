package com.cureka.appointments.adapters.fhir;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check the FHIR tests rely on can fail: invalid R4 is reported as an error, with what is wrong. */
class FhirValidationTest {
    @Test
    void an_appointment_without_status_or_participant_is_reported_as_an_error() {
        String invalid =
                "{\"resourceType\":\"Appointment\",\"start\":\"2025-09-23T09:00:00Z\",\"end\":\"2025-09-23T09:30:00Z\"}";

        assertThat(FhirValidation.errors(invalid))
                .extracting(m -> m.getMessage())
                .anyMatch(message -> message.startsWith("Appointment.status: minimum required = 1"))
                .anyMatch(message -> message.startsWith("Appointment.participant: minimum required = 1"));
        assertThatThrownBy(() -> FhirValidation.assertValid(invalid))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Appointment.status: minimum required = 1")
                .hasMessageContaining("Appointment.participant: minimum required = 1");
    }

    @Test
    void a_code_outside_a_required_value_set_is_reported_as_an_error_offline() {
        String invalid = "{\"resourceType\":\"Appointment\",\"status\":\"maybe\","
                + "\"participant\":[{\"actor\":{\"display\":\"Dr. Priya Patel\"},\"status\":\"accepted\"}]}";

        assertThat(FhirValidation.errors(invalid))
                .extracting(m -> m.getLocationString() + ": " + m.getMessage())
                .anyMatch(message -> message.startsWith("Appointment.status: ") && message.contains("'maybe'"));
    }

    @Test
    void a_minimal_valid_appointment_has_no_errors() {
        FhirValidation.assertValid("{\"resourceType\":\"Appointment\",\"status\":\"proposed\","
                + "\"participant\":[{\"actor\":{\"display\":\"Dr. Priya Patel\"},\"status\":\"needs-action\"}]}");
    }
}
