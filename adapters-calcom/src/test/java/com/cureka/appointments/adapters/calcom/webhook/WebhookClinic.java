package com.cureka.appointments.adapters.calcom.webhook;

import com.cureka.appointments.adapters.calcom.CalComCalendarGateway;
import com.cureka.appointments.adapters.calcom.CalComSettings;
import com.cureka.appointments.adapters.calcom.fake.FakeCalCom;
import com.cureka.appointments.application.calendar.CalendarBookingRequest;
import com.cureka.appointments.application.calendar.CalendarResult;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentType;
import com.cureka.appointments.domain.appointment.TimeSlot;
import com.cureka.appointments.domain.doctor.CalendarAccount;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
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

/**
 * Dr House on the fake Cal.com (Europe/Rome, 09:00–17:00): consultations on a meeting URL, follow-ups on Cal
 * Video. Bookings are made through the real gateway, so they carry the metadata it writes.
 */
final class WebhookClinic {
    static final String SECRET = "whsec_3b1f0a9c-clinic-webhook";
    static final Instant NOW = Instant.parse("2030-03-01T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    static final LocalDate DAY = LocalDate.of(2030, 3, 5);
    static final String USERNAME = "dr-house";
    static final long CONSULTATION_EVENT = 101;
    static final long FOLLOWUP_EVENT = 102;

    static final Doctor DOCTOR = new Doctor(new DoctorId(UUID.fromString("11111111-2222-3333-4444-555555555555")),
            "Dr Gregory House", "Diagnostics", "house@example.org", Schedule.standard(ROME),
            new CalendarAccount(USERNAME, Map.of(
                    AppointmentType.CONSULTATION, Long.toString(CONSULTATION_EVENT),
                    AppointmentType.FOLLOWUP, Long.toString(FOLLOWUP_EVENT))),
            true);
    static final Patient PATIENT = new Patient(new PatientId(UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")),
            "Lisa Cuddy", "lisa.cuddy@example.com");

    final FakeCalCom calcom;
    final CalComCalendarGateway gateway;

    WebhookClinic() {
        calcom = FakeCalCom.start(CLOCK)
                .addHost(USERNAME, "Gregory House", ROME, LocalTime.of(9, 0), LocalTime.of(17, 0))
                .addEventType(CONSULTATION_EVENT, "30-min", 30, USERNAME, "https://meet.example.com/{uid}")
                .addEventType(FOLLOWUP_EVENT, "20-min", 20, USERNAME);
        gateway = new CalComCalendarGateway(CalComSettings.of(calcom.apiKey(), calcom.baseUrl(), Duration.ofSeconds(2)));
    }

    /** The n-th half hour from 09:00 on {@link #DAY}, Rome time. */
    static TimeSlot slot(int n, int minutes) {
        var start = DAY.atTime(9, 0).atZone(ROME).toInstant().plus(Duration.ofMinutes(30L * n));
        return TimeSlot.of(start, Duration.ofMinutes(minutes));
    }

    static AppointmentNumber number(long sequence) {
        return new AppointmentNumber("AID", LocalDate.of(2030, 3, 1), sequence);
    }

    /** Books through the gateway and answers Cal.com's uid. */
    String book(AppointmentNumber number, AppointmentType type, TimeSlot slot) {
        var result = gateway.book(new CalendarBookingRequest(number, DOCTOR, PATIENT, type, slot, null));
        if (!(result instanceof CalendarResult.Booked booked)) {
            throw new IllegalStateException("the fake did not book: " + result);
        }
        return booked.booking().bookingId();
    }

    void close() {
        calcom.close();
    }
}
