package com.cureka.appointments.adapters.http;

import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.cureka.appointments.adapters.http.TestClinic.PRIYA;
import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a client sends, the answer is the envelope with the right status, never a stack trace or an HTML page. */
class RobustnessTest {
    private static final String VALID_BOOKING =
            "{\"doctor_id\": \"" + PRIYA + "\", \"appointment_datetime\": \"2025-09-23T14:30:00+05:30\"}";

    private TestClinic clinic = TestClinic.open();
    private final String patient = clinic.tokens.patient(UUID.randomUUID());

    @AfterEach
    void close() {
        clinic.close();
    }

    private TestClinic.Response postBooking(String contentType, HttpRequest.BodyPublisher body) {
        var request = clinic.request("/api/v1/appointments", patient).POST(body);
        return clinic.send(contentType == null ? request : request.header("Content-Type", contentType));
    }

    private TestClinic.Response getRaw(String rawPath, String token) {
        return clinic.send(HttpRequest.newBuilder(URI.create(clinic.uri("/") + rawPath.substring(1)))
                .header("Authorization", "Bearer " + token)
                .GET());
    }

    private static void assertEnvelope(TestClinic.Response response, int status, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("X-Request-Id")).isNotBlank();
        assertThat(response.at("/success").asBoolean()).isFalse();
        assertThat(response.code()).isEqualTo(code);
        assertThat(response.at("/message").asText()).isNotBlank();
        assertThat(response.at("/details").isObject()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"doctor_id\": ",
                "not json at all",
                "{'doctor_id': 'single quotes'}",
                "{} {}",
                "{\"doctor_id\": \"a\", \"doctor_id\": \"b\"}"
            })
    void a_body_that_is_not_well_formed_json_is_a_validation_error(String body) {
        var response = clinic.post("/api/v1/appointments", patient, body);

        assertEnvelope(response, 400, "VALIDATION_ERROR");
        assertThat(response.fieldErrors()).containsExactly("body:INVALID_FORMAT");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[1, 2, 3]", "\"a string\"", "42", "true", "null"})
    void a_json_body_that_is_not_an_object_is_a_validation_error(String body) {
        var response = clinic.post("/api/v1/appointments", patient, body);

        assertEnvelope(response, 400, "VALIDATION_ERROR");
        assertThat(response.fieldErrors()).hasSize(1).allMatch(e -> e.startsWith("body:"));
    }

    @Test
    void an_empty_body_is_a_validation_error() {
        var response = clinic.post("/api/v1/appointments", patient, "");

        assertEnvelope(response, 400, "VALIDATION_ERROR");
        assertThat(response.fieldErrors()).containsExactly("body:REQUIRED");
    }

    @Test
    void values_of_the_wrong_json_type_are_invalid_types() {
        var response = clinic.post(
                "/api/v1/appointments",
                patient,
                "{\"doctor_id\": {\"id\": 1}, \"appointment_datetime\": 1758618000, \"appointment_type\": true}");

        assertEnvelope(response, 400, "VALIDATION_ERROR");
        assertThat(response.fieldErrors())
                .containsExactlyInAnyOrder(
                        "doctor_id:INVALID_TYPE", "appointment_datetime:INVALID_TYPE", "appointment_type:INVALID_TYPE");
    }

    @Test
    void unknown_json_fields_are_ignored() {
        var response = clinic.post(
                "/api/v1/appointments",
                patient,
                "{\"doctor_id\": \"" + PRIYA + "\", \"appointment_datetime\": \"2025-09-23T14:30:00+05:30\", "
                        + "\"is_admin\": true, \"price\": 0}");

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void a_body_that_is_not_declared_json_is_an_unsupported_media_type() {
        var plain = postBooking("text/plain", HttpRequest.BodyPublishers.ofString(VALID_BOOKING));
        var form = postBooking("application/x-www-form-urlencoded", HttpRequest.BodyPublishers.ofString("doctor_id=1"));
        var undeclared = postBooking(null, HttpRequest.BodyPublishers.ofString(VALID_BOOKING));

        assertEnvelope(plain, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertEnvelope(form, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertEnvelope(undeclared, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void json_with_a_charset_parameter_is_accepted() {
        var response =
                postBooking("application/json; charset=UTF-8", HttpRequest.BodyPublishers.ofString(VALID_BOOKING));

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void a_body_over_64_kib_is_payload_too_large() {
        var padded = "{\"notes\": \"" + "x".repeat(64 * 1024) + "\"}";

        var response = postBooking("application/json", HttpRequest.BodyPublishers.ofString(padded));

        assertEnvelope(response, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_chunked_body_over_64_kib_is_payload_too_large_too() {
        var padded = ("{\"notes\": \"" + "x".repeat(64 * 1024) + "\"}").getBytes();

        var response = postBooking(
                "application/json", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(padded)));

        assertEnvelope(response, 413, "PAYLOAD_TOO_LARGE");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "%27%20OR%201%3D1--",
                "1%3B%20DROP%20TABLE%20appointments",
                "..%2F..%2Fetc%2Fpasswd",
                "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                "%25s%25s%25n",
                "AID-20250921-0001%5C..",
                "AID-20250921-0001%0D%0AX-Injected:%201"
            })
    void an_injection_looking_appointment_id_is_simply_not_found(String id) {
        var response = getRaw("/api/v1/appointments/" + id, patient);

        assertEnvelope(response, 404, "APPOINTMENT_NOT_FOUND");
        assertThat(response.header("X-Injected")).isNull();
    }

    @Test
    void a_nul_byte_in_the_path_is_refused_by_the_server_in_the_envelope() {
        assertEnvelope(getRaw("/api/v1/appointments/AID-20250921-0001%00", patient), 400, "BAD_REQUEST");
    }

    @Test
    void a_very_long_id_is_not_found() {
        String id = "A".repeat(2000);

        assertEnvelope(clinic.get("/api/v1/appointments/" + id, patient), 404, "APPOINTMENT_NOT_FOUND");
        assertEnvelope(clinic.get("/api/v1/doctors/" + id, patient), 404, "DOCTOR_NOT_FOUND");
        assertEnvelope(
                clinic.get("/api/v1/doctors/" + id + "/slots?date=2025-09-23", patient), 404, "DOCTOR_NOT_FOUND");
        assertEnvelope(clinic.delete("/api/v1/admin/doctors/" + id, clinic.tokens.admin()), 404, "DOCTOR_NOT_FOUND");
    }

    @Test
    void an_injection_looking_doctor_id_is_doctor_not_found() {
        assertEnvelope(getRaw("/api/v1/doctors/%27%20OR%201%3D1--", patient), 404, "DOCTOR_NOT_FOUND");
        assertEnvelope(
                getRaw("/api/v1/doctors/%27%20OR%201%3D1--/slots?date=2025-09-23", patient), 404, "DOCTOR_NOT_FOUND");
    }

    @Test
    void a_path_that_climbs_out_of_the_api_is_not_found() {
        assertEnvelope(getRaw("/api/v1/appointments/../../../etc/passwd", patient), 404, "NOT_FOUND");
    }

    @Test
    void a_uri_too_long_for_the_server_still_gets_the_envelope() {
        var response = clinic.get("/api/v1/doctors/" + "A".repeat(20_000), patient);

        assertEnvelope(response, 414, "URI_TOO_LONG");
    }

    @Test
    void headers_too_large_for_the_server_still_get_the_envelope() {
        var response = clinic.send(clinic.request("/api/v1/doctors", patient).header("X-Padding", "x".repeat(20_000)));

        assertEnvelope(response, 431, "HEADERS_TOO_LARGE");
    }

    @Test
    void an_unknown_route_is_not_found_in_the_envelope() {
        assertEnvelope(clinic.get("/nothing-here", null), 404, "NOT_FOUND");
        assertEnvelope(clinic.get("/api/v1/nothing-here", patient), 404, "NOT_FOUND");
    }

    @Test
    void a_method_the_route_does_not_have_is_method_not_allowed() {
        var put = clinic.send(clinic.request("/api/v1/appointments", patient)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(VALID_BOOKING)));
        var delete = clinic.delete("/api/v1/doctors/" + PRIYA, patient);

        assertEnvelope(put, 405, "METHOD_NOT_ALLOWED");
        assertEnvelope(delete, 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void an_unexpected_failure_is_an_internal_error_that_leaks_nothing() {
        clinic.close();
        clinic = TestClinic.open(TestClinic.Options.standard().withDoctorsPort(BrokenDoctors::new));

        var response = clinic.send(clinic.request("/api/v1/doctors", clinic.tokens.patient(UUID.randomUUID()))
                .header("X-Request-Id", "trace-me-500"));

        assertEnvelope(response, 500, "INTERNAL_ERROR");
        assertThat(response.header("X-Request-Id")).isEqualTo("trace-me-500");
        assertThat(response.at("/details").isEmpty()).isTrue();
        assertThat(response.text()).doesNotContain("jdbc", "password", "BrokenDoctors", "Exception", "at com.");
    }

    @Test
    void a_sane_client_request_id_is_echoed_and_an_insane_one_replaced() {
        var sane = clinic.send(clinic.request("/api/v1/doctors", patient).header("X-Request-Id", "abc-123_XYZ.42"));
        var tooLong = clinic.send(clinic.request("/api/v1/doctors", patient).header("X-Request-Id", "a".repeat(129)));
        var withSpaces = clinic.send(clinic.request("/api/v1/doctors", patient).header("X-Request-Id", "a b"));

        assertThat(sane.header("X-Request-Id")).isEqualTo("abc-123_XYZ.42");
        assertThat(tooLong.header("X-Request-Id")).hasSize(36).isNotEqualTo("a".repeat(129));
        assertThat(withSpaces.header("X-Request-Id")).hasSize(36);
    }

    @Test
    void errors_carry_the_request_id_as_well() {
        var response = clinic.send(clinic.request("/api/v1/doctors", null).header("X-Request-Id", "unauth-1"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("X-Request-Id")).isEqualTo("unauth-1");
    }

    /** A doctors store whose database has gone away, with a message nobody outside should read. */
    private record BrokenDoctors(Doctors delegate) implements Doctors {
        public boolean add(Doctor doctor) {
            return delegate.add(doctor);
        }

        public Optional<Doctor> byId(DoctorId id) {
            return delegate.byId(id);
        }

        public List<Doctor> active(String specialtyOrNull) {
            throw new IllegalStateException("jdbc:postgresql://db/clinic password=hunter2 refused the connection");
        }

        public boolean update(Doctor doctor) {
            return delegate.update(doctor);
        }
    }
}
