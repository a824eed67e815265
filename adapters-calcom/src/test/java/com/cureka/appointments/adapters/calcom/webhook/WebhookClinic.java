package com.cureka.appointments.adapters.calcom.webhook;

import com.cureka.appointments.adapters.calcom.CalComCalendarGateway;
import com.cureka.appointments.adapters.calcom.CalComFixture;
import com.cureka.appointments.adapters.calcom.CalComSettings;
import com.cureka.appointments.adapters.calcom.fake.FakeCalCom;
import com.cureka.appointments.application.port.calendar.CalendarBookingRequest;
import com.cureka.appointments.application.port.calendar.CalendarResult;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Dr House on the fake Cal.com (Europe/Rome, 09:00–17:00): consultations on a meeting URL, follow-ups on Cal
 * Video. Bookings are made through the real gateway, so they carry the metadata it writes.
 */
final class WebhookClinic {
    static final String SECRET = "whsec_3b1f0a9c-clinic-webhook";
    // The same clinic as the gateway's own tests.
    static final Instant NOW = CalComFixture.NOW;
    static final Clock CLOCK = CalComFixture.CLOCK;
    static final ZoneId ROME = CalComFixture.ROME;
    static final LocalDate DAY = CalComFixture.DAY;
    static final String USERNAME = CalComFixture.USERNAME;
    static final long CONSULTATION_EVENT = CalComFixture.CONSULTATION_EVENT;
    static final long FOLLOWUP_EVENT = CalComFixture.FOLLOWUP_EVENT;
    static final Doctor DOCTOR = CalComFixture.DOCTOR;
    static final Patient PATIENT = CalComFixture.PATIENT;

    final FakeCalCom calcom;
    final CalComCalendarGateway gateway;

    WebhookClinic() {
        calcom = FakeCalCom.start(CLOCK)
                .addHost(USERNAME, "Gregory House", ROME, LocalTime.of(9, 0), LocalTime.of(17, 0))
                .addEventType(CONSULTATION_EVENT, "30-min", 30, USERNAME, "https://meet.example.com/{uid}")
                .addEventType(FOLLOWUP_EVENT, "20-min", 20, USERNAME);
        gateway =
                new CalComCalendarGateway(CalComSettings.of(calcom.apiKey(), calcom.baseUrl(), Duration.ofSeconds(2)));
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
