package com.cureka.appointments.adapters.calcom;

import com.cureka.appointments.adapters.calcom.fake.FakeCalCom;
import com.cureka.appointments.application.port.calendar.CalendarBookingRequest;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.doctor.CalendarAccount;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import com.cureka.appointments.domain.schedule.Schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clinic on the fake Cal.com: Dr House (Europe/Rome, 09:00–18:00 with us, 09:00–17:00 on Cal.com) with one
 * event type per appointment type, some by id and some by slug, and the times the tests book at.
 */
public final class CalComFixture {
    public static final Instant NOW = Instant.parse("2030-03-01T08:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final ZoneId ROME = ZoneId.of("Europe/Rome");
    /** A Tuesday, a few days after NOW. */
    public static final LocalDate DAY = LocalDate.of(2030, 3, 5);

    public static final String USERNAME = "dr-house";
    public static final long CONSULTATION_EVENT = 101;
    public static final long FOLLOWUP_EVENT = 102;

    public static final Doctor DOCTOR = new Doctor(
            new DoctorId(UUID.fromString("11111111-2222-3333-4444-555555555555")),
            "Dr Gregory House",
            "Diagnostics",
            "house@example.org",
            Schedule.standard(ROME),
            new CalendarAccount(
                    USERNAME,
                    Map.of(
                            AppointmentType.CONSULTATION, Long.toString(CONSULTATION_EVENT),
                            AppointmentType.FOLLOWUP, Long.toString(FOLLOWUP_EVENT),
                            AppointmentType.EMERGENCY, "60-min")),
            true);
    static final Doctor DOCTOR_WITHOUT_CALCOM = new Doctor(
            new DoctorId(UUID.fromString("99999999-2222-3333-4444-555555555555")),
            "Dr Offline",
            "GP",
            null,
            Schedule.standard(ROME),
            null,
            true);
    public static final Patient PATIENT = new Patient(
            new PatientId(UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")),
            "Lisa Cuddy",
            "lisa.cuddy@example.com");

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private CalComFixture() {}

    static FakeCalCom fakeWithDoctor(Clock clock) {
        var fake = FakeCalCom.start(clock);
        fake.addHost(USERNAME, "Gregory House", ROME, LocalTime.of(9, 0), LocalTime.of(17, 0));
        fake.addEventType(CONSULTATION_EVENT, "30-min", 30, USERNAME, "https://meet.example.com/{uid}");
        fake.addEventType(FOLLOWUP_EVENT, "20-min", 20, USERNAME);
        fake.addEventType(103, "60-min", 60, USERNAME);
        return fake;
    }

    /** Short timeouts so that failure tests run quickly; reads retried twice from 50 ms. */
    static CalComSettings settings(FakeCalCom fake) {
        return CalComSettings.of(fake.apiKey(), fake.baseUrl(), Duration.ofSeconds(1))
                .withConnectTimeout(Duration.ofMillis(500))
                .withReadRetries(3, Duration.ofMillis(50));
    }

    /** The n-th half hour from 09:00 on {@link #DAY}, Rome time. */
    static TimeSlot slot(int n) {
        var start = DAY.atTime(9, 0).atZone(ROME).toInstant().plus(Duration.ofMinutes(30L * n));
        return TimeSlot.of(start, Duration.ofMinutes(30));
    }

    static AppointmentNumber newNumber() {
        return new AppointmentNumber("AID", LocalDate.of(2030, 3, 1), SEQUENCE.incrementAndGet());
    }

    static CalendarBookingRequest request(AppointmentNumber number, TimeSlot slot) {
        return new CalendarBookingRequest(
                number, DOCTOR, PATIENT, AppointmentType.CONSULTATION, slot, "Headache since Monday");
    }
}
