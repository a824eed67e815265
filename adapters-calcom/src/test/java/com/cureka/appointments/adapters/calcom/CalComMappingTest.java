package com.cureka.appointments.adapters.calcom;

import com.cureka.appointments.adapters.calcom.fake.FakeCalCom;
import com.cureka.appointments.application.port.calendar.CalendarBookingRequest;
import com.cureka.appointments.application.port.calendar.CalendarResult;
import com.cureka.appointments.application.port.calendar.FreeStarts;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.cureka.appointments.adapters.calcom.CalComFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/** How Cal.com's bookings and slots read as ours: slots, links, doctors not on Cal.com. */
class CalComMappingTest {
    private final FakeCalCom calcom = fakeWithDoctor(CLOCK);
    private final CalComCalendarGateway gateway = new CalComCalendarGateway(settings(calcom));

    @AfterEach
    void stop() {
        calcom.close();
    }

    @Test
    void free_starts_are_cal_coms_slots_of_the_doctors_days_as_instants() {
        var free = gateway.freeStarts(DOCTOR, AppointmentType.CONSULTATION, DAY, DAY);

        assertThat(free).isInstanceOfSatisfying(FreeStarts.Known.class, known -> {
            // 09:00 to 17:00 in Rome, every 30 minutes: 16 starts, the first at 08:00 UTC.
            assertThat(known.starts()).hasSize(16);
            assertThat(known.starts())
                    .contains(Instant.parse("2030-03-05T08:00:00Z"), Instant.parse("2030-03-05T15:30:00Z"));
        });
    }

    @Test
    void free_starts_over_several_days_come_from_one_call() {
        var free = gateway.freeStarts(DOCTOR, AppointmentType.CONSULTATION, DAY, DAY.plusDays(2));

        assertThat(free)
                .isInstanceOfSatisfying(
                        FreeStarts.Known.class,
                        known -> assertThat(known.starts()).hasSize(48));
        assertThat(calcom.calls()).hasSize(1);
    }

    @Test
    void a_video_link_given_as_the_location_url_becomes_the_video_conference_url() {
        var result = gateway.book(request(newNumber(), slot(0)));

        assertThat(result).isInstanceOfSatisfying(CalendarResult.Booked.class, booked -> {
            String uid = booked.booking().bookingId();
            assertThat(booked.booking().links().videoConferenceUrl()).isEqualTo("https://meet.example.com/" + uid);
            assertThat(booked.booking().links().calendarEventUrl()).isEqualTo("https://app.cal.com/booking/" + uid);
        });
    }

    @Test
    void cal_video_given_as_an_integration_takes_its_room_url_from_the_metadata() {
        var followUp = new CalendarBookingRequest(
                newNumber(),
                DOCTOR,
                PATIENT,
                AppointmentType.FOLLOWUP,
                TimeSlot.of(slot(1).start(), Duration.ofMinutes(20)),
                null);

        var result = gateway.book(followUp);

        assertThat(result)
                .isInstanceOfSatisfying(
                        CalendarResult.Booked.class,
                        booked -> assertThat(booked.booking().links().videoConferenceUrl())
                                .isEqualTo("https://app.cal.com/video/"
                                        + booked.booking().bookingId()));
    }

    @Test
    void the_event_link_base_is_configurable() {
        var custom =
                new CalComCalendarGateway(settings(calcom).withEventLinkBase("https://cal.clinic.example/booking/"));

        var result = custom.book(request(newNumber(), slot(2)));

        assertThat(((CalendarResult.Booked) result).booking().links().calendarEventUrl())
                .startsWith("https://cal.clinic.example/booking/");
    }

    @Test
    void a_patient_without_a_name_or_email_is_booked_with_placeholders_cal_com_accepts() {
        var anonymous = new CalendarBookingRequest(
                newNumber(),
                DOCTOR,
                new Patient(PATIENT.id(), null, null),
                AppointmentType.CONSULTATION,
                slot(3),
                null);

        var result = gateway.book(anonymous);

        assertThat(result).isInstanceOf(CalendarResult.Booked.class);
        assertThat(calcom.liveBookings().getFirst().attendeeEmail())
                .isEqualTo("patient-" + PATIENT.id() + "@patients.invalid");
    }

    @Test
    void a_doctor_without_cal_com_adds_no_constraint_and_is_booked_in_our_database_only() {
        var free = gateway.freeStarts(DOCTOR_WITHOUT_CALCOM, AppointmentType.CONSULTATION, DAY, DAY);
        var booked = gateway.book(new CalendarBookingRequest(
                newNumber(), DOCTOR_WITHOUT_CALCOM, PATIENT, AppointmentType.CONSULTATION, slot(4), null));

        assertThat(free).isInstanceOf(FreeStarts.Unconstrained.class);
        assertThat(booked).isInstanceOfSatisfying(CalendarResult.Booked.class, b -> {
            assertThat(b.booking().bookingId()).isNull();
            assertThat(b.booking().slot()).isEqualTo(slot(4));
        });
        assertThat(gateway.cancel(null, "no calendar")).isInstanceOf(CalendarResult.Booked.class);
        assertThat(calcom.calls()).isEmpty();
    }

    @Test
    void an_appointment_type_without_a_cal_com_event_type_adds_no_constraint() {
        var free = gateway.freeStarts(DOCTOR, AppointmentType.SURGERY, DAY, DAY);

        assertThat(free).isInstanceOf(FreeStarts.Unconstrained.class);
        assertThat(calcom.calls()).isEmpty();
    }
}
