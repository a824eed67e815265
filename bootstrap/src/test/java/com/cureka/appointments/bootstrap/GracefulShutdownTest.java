package com.cureka.appointments.bootstrap;

import com.cureka.appointments.adapters.calcom.fake.FakeCalCom;
import com.cureka.appointments.testkit.time.MutableClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM runs {@link Application#stop()}: requests in flight finish before the pool and database close. */
class GracefulShutdownTest {
    @Test
    void a_booking_in_flight_when_the_app_stops_completes() throws Exception {
        var clock = new MutableClock(RunningApp.NOW);
        try (var calcom = FakeCalCom.start(clock)) {
            calcom.addHost("slow", "Dr. Slow", ZoneId.of("Asia/Kolkata"), LocalTime.of(9, 0), LocalTime.of(18, 0));
            calcom.addEventType(7, "30-min", 30, "slow");
            var clinic = new RunningApp(
                    Map.of(
                            "CAL_COM_API_KEY",
                            calcom.apiKey(),
                            "CAL_COM_BASE_URL",
                            calcom.baseUrl(),
                            "CALENDAR_TIMEOUT_SECONDS",
                            "5"),
                    clock);
            var admin = clinic.token(UUID.randomUUID(), "ADMIN", "Admin");
            var doctor = clinic.send("POST", "/api/v1/admin/doctors", admin, """
                    {"name":"Dr. Slow","time_zone":"Asia/Kolkata","cal_com":{"username":"slow","event_type_ids":{"consultation":7}}}""");
            var doctorId = new ObjectMapper()
                    .readTree(doctor.body())
                    .at("/data/doctor_id")
                    .asText();
            var when = OffsetDateTime.ofInstant(RunningApp.NOW, ZoneId.of("Asia/Kolkata"))
                    .plusDays(1)
                    .withHour(10)
                    .withMinute(0)
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"));
            calcom.delayNext(Duration.ofMillis(1500));
            var token = clinic.token(UUID.randomUUID(), "PATIENT", "Patient");

            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> clinic.send(
                    "POST",
                    "/api/v1/appointments",
                    token,
                    "{\"doctor_id\":\"%s\",\"appointment_datetime\":\"%s\"}".formatted(doctorId, when)));
            while (calcom.calls("POST", "/v2/bookings").isEmpty()) {
                Thread.sleep(10);
            }
            clinic.close();

            var response = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(response.body()).contains("\"status\":\"scheduled\"");
        }
    }
}
