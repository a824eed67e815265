package com.cureka.appointments.adapters.calcom.webhook;

import com.cureka.appointments.adapters.calcom.fake.FakeCalComWebhooks;
import com.cureka.appointments.adapters.calcom.fake.FakeCalComWebhooks.Delivery;
import com.cureka.appointments.application.port.calendar.CalendarEvent;
import com.cureka.appointments.application.port.calendar.CalendarWebhookReader.Reading;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;

import static com.cureka.appointments.adapters.calcom.webhook.WebhookClinic.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cal.com's webhook deliveries, made by the fake exactly as Cal.com makes them, read as our calendar events. */
class CalComWebhookReaderTest {
    private final WebhookClinic clinic = new WebhookClinic();
    private final FakeCalComWebhooks webhooks = new FakeCalComWebhooks(clinic.calcom, SECRET);
    private final CalComWebhookReader reader = new CalComWebhookReader(SECRET, CLOCK, Duration.ofHours(1));

    @AfterEach
    void stop() {
        clinic.close();
    }

    private Reading read(CalComWebhookReader reader, Delivery delivery) {
        return reader.read(delivery.body(), delivery::header);
    }

    private Reading read(Delivery delivery) {
        return read(reader, delivery);
    }

    private static CalendarEvent eventOf(Reading reading) {
        assertThat(reading).isInstanceOf(Reading.Verified.class);
        return ((Reading.Verified) reading).event().orElseThrow();
    }

    @Nested
    class Events {
        @Test
        void booking_created_reads_as_created_with_our_number_the_slot_and_the_meeting_url_of_the_location() {
            var slot = slot(0, 30);
            String uid = clinic.book(number(7), AppointmentType.CONSULTATION, slot);

            var reading = read(webhooks.bookingCreated(uid));

            assertThat(reading)
                    .isInstanceOfSatisfying(
                            Reading.Verified.class,
                            verified -> assertThat(verified.eventType()).isEqualTo("BOOKING_CREATED"));
            assertThat(eventOf(reading))
                    .isEqualTo(new CalendarEvent.BookingCreated(
                            uid,
                            number(7),
                            slot,
                            new MeetingLinks("https://meet.example.com/" + uid, "https://app.cal.com/booking/" + uid)));
        }

        @Test
        void booking_created_on_cal_video_takes_the_room_url_cal_com_puts_in_the_location_and_metadata() {
            String uid = clinic.book(number(8), AppointmentType.FOLLOWUP, slot(1, 20));

            var created = (CalendarEvent.BookingCreated) eventOf(read(webhooks.bookingCreated(uid)));

            assertThat(created.links().videoConferenceUrl()).isEqualTo("https://app.cal.com/video/" + uid);
            assertThat(created.slot()).isEqualTo(slot(1, 20));
        }

        @Test
        void
                booking_cancelled_reads_with_cal_coms_cancellation_reason_and_without_a_number_as_cal_com_sends_no_metadata() {
            String uid = clinic.book(number(9), AppointmentType.CONSULTATION, slot(2, 30));
            clinic.gateway.cancel(uid, "Doctor is ill");

            var reading = read(webhooks.bookingCancelled(uid));

            assertThat(eventOf(reading)).isEqualTo(new CalendarEvent.BookingCancelled(uid, null, "Doctor is ill"));
        }

        @Test
        void booking_cancelled_finds_our_number_on_the_booking_in_cal_com_when_given_the_gateway_to_look_it_up() {
            String uid = clinic.book(number(10), AppointmentType.CONSULTATION, slot(3, 30));
            clinic.gateway.cancel(uid, "Doctor is ill");

            var reading = read(reader.withNumberLookup(clinic.gateway), webhooks.bookingCancelled(uid));

            assertThat(eventOf(reading))
                    .isEqualTo(new CalendarEvent.BookingCancelled(uid, number(10), "Doctor is ill"));
        }

        @Test
        void booking_rescheduled_names_the_new_booking_the_one_it_replaced_our_number_and_the_new_slot() {
            String old = clinic.book(number(11), AppointmentType.CONSULTATION, slot(4, 30));
            clinic.gateway.reschedule(old, slot(6, 30), "Patient asked");
            String moved = clinic.calcom.booking(old).orElseThrow().rescheduledToUid();

            var reading = read(webhooks.bookingRescheduled(moved));

            assertThat(moved).isNotEqualTo(old);
            assertThat(eventOf(reading))
                    .isEqualTo(new CalendarEvent.BookingRescheduled(moved, old, number(11), slot(6, 30)));
        }

        @Test
        void meeting_ended_reads_as_ended_from_the_raw_booking_row_cal_com_sends() {
            String uid = clinic.book(number(12), AppointmentType.CONSULTATION, slot(5, 30));
            // Cal.com's scheduler sends it at the end of the meeting.
            var atTheEnd = slot(5, 30).end().plusSeconds(40);
            var reader = new CalComWebhookReader(SECRET, Clock.fixed(atTheEnd, ZoneOffset.UTC), null);

            var reading = read(reader, webhooks.at(atTheEnd).meetingEnded(uid));

            assertThat(eventOf(reading)).isEqualTo(new CalendarEvent.MeetingEnded(uid, number(12)));
        }

        @Test
        void meeting_ended_in_the_older_flat_shape_reads_too_and_is_fresh_by_its_end_time_not_the_bookings_creation() {
            String uid = clinic.book(number(13), AppointmentType.CONSULTATION, slot(7, 30));
            var atTheEnd = slot(7, 30).end().plus(Duration.ofMinutes(3)); // days after the booking was made
            var reader = new CalComWebhookReader(SECRET, Clock.fixed(atTheEnd, ZoneOffset.UTC), null);

            var delivery = webhooks.meetingEndedFlat(uid);

            assertThat(delivery.bodyText()).startsWith("{\"triggerEvent\":\"MEETING_ENDED\",\"id\":");
            assertThat(eventOf(read(reader, delivery))).isEqualTo(new CalendarEvent.MeetingEnded(uid, number(13)));
        }

        @Test
        void cal_coms_own_documented_example_reads_field_by_field() {
            String body = """
                    {"triggerEvent":"BOOKING_CREATED","createdAt":"2023-05-24T09:30:00.538Z","payload":{"type":"60min",\
                    "title":"60min between Pro Example and John Doe","description":"","additionalNotes":"","customInputs":{},\
                    "startTime":"2023-05-25T09:30:00Z","endTime":"2023-05-25T10:30:00Z","organizer":{"id":5,"name":"Pro Example",\
                    "email":"pro@example.com","username":"pro","timeZone":"Asia/Kolkata","language":{"locale":"en"},\
                    "timeFormat":"h:mma"},"responses":{"name":{"label":"your_name","value":"John Doe"},"email":{"label":\
                    "email_address","value":"john.doe@example.com"},"location":{"label":"location","value":{"optionValue":"",\
                    "value":"inPerson"}}},"userFieldsResponses":{},"attendees":[{"email":"john.doe@example.com","name":"John Doe",\
                    "timeZone":"Asia/Kolkata","language":{"locale":"en"}}],"location":"Calcom HQ","destinationCalendar":{"id":10,\
                    "integration":"apple_calendar","userId":5},"hideCalendarNotes":false,"requiresConfirmation":null,\
                    "eventTypeId":7,"seatsShowAttendees":true,"seatsPerTimeSlot":null,"uid":"bFJeNb2uX8ANpT3JL5EfXw",\
                    "appsStatus":[],"eventTitle":"60min","eventDescription":"","price":0,"currency":"usd","length":60,\
                    "bookingId":91,"metadata":{"appointmentNumber":"AID-20230524-0001"},"status":"ACCEPTED"}}""";
            var reader = new CalComWebhookReader(
                    SECRET,
                    Clock.fixed(Instant.parse("2023-05-24T09:30:02Z"), ZoneOffset.UTC),
                    Duration.ofHours(1),
                    null);

            var reading = read(reader, webhooks.signed("BOOKING_CREATED", body));

            assertThat(eventOf(reading))
                    .isEqualTo(new CalendarEvent.BookingCreated(
                            "bFJeNb2uX8ANpT3JL5EfXw",
                            AppointmentNumber.parse("AID-20230524-0001").orElseThrow(),
                            new TimeSlot(Instant.parse("2023-05-25T09:30:00Z"), Instant.parse("2023-05-25T10:30:00Z")),
                            new MeetingLinks(null, null))); // "Calcom HQ" is no URL; no event link base
        }

        @Test
        void a_booking_made_elsewhere_or_with_a_garbled_number_reads_with_no_number() {
            var walkIn =
                    clinic.calcom.storeBooking(CONSULTATION_EVENT, slot(8, 30).start(), Map.of());
            var garbled = clinic.calcom.storeBooking(
                    CONSULTATION_EVENT, slot(9, 30).start(), Map.of("appointmentNumber", "AID-2030-03-01-7"));

            assertThat(eventOf(read(webhooks.bookingCreated(walkIn.uid()))).number())
                    .isNull();
            assertThat(eventOf(read(webhooks.bookingCreated(garbled.uid()))).number())
                    .isNull();
        }

        @Test
        void the_event_link_is_made_with_the_configured_base_as_the_gateway_makes_it() {
            String uid = clinic.book(number(14), AppointmentType.CONSULTATION, slot(10, 30));
            var reader = new CalComWebhookReader(SECRET, CLOCK, null, "https://cal.clinic.example/booking/");

            var created = (CalendarEvent.BookingCreated) eventOf(read(reader, webhooks.bookingCreated(uid)));

            assertThat(created.links().calendarEventUrl()).isEqualTo("https://cal.clinic.example/booking/" + uid);
        }

        @Test
        void a_cancellation_reason_longer_than_our_audit_trail_keeps_is_cut_to_500_characters() {
            String uid = clinic.book(number(15), AppointmentType.CONSULTATION, slot(11, 30));
            clinic.gateway.cancel(uid, "x".repeat(800));

            var cancelled = (CalendarEvent.BookingCancelled) eventOf(read(webhooks.bookingCancelled(uid)));

            assertThat(cancelled.reason()).hasSize(500);
        }

        @Test
        void a_trigger_we_do_not_act_on_is_verified_without_an_event() {
            String uid = clinic.book(number(16), AppointmentType.CONSULTATION, slot(12, 30));

            var reading = read(webhooks.bookingEvent("BOOKING_PAID", uid));

            assertThat(reading).isInstanceOfSatisfying(Reading.Verified.class, verified -> {
                assertThat(verified.eventType()).isEqualTo("BOOKING_PAID");
                assertThat(verified.event()).isEmpty();
                assertThat(verified.deliveryHash()).hasSize(64);
            });
        }
    }

    @Nested
    class Signatures {
        private Delivery delivery() {
            return webhooks.bookingCreated(clinic.book(number(20), AppointmentType.CONSULTATION, slot(0, 30)));
        }

        @Test
        void the_signature_is_the_lower_case_hex_hmac_sha256_of_the_raw_body_without_a_prefix() {
            var delivery = delivery();

            assertThat(delivery.signature()).matches("[0-9a-f]{64}");
            assertThat(read(delivery)).isInstanceOf(Reading.Verified.class);
        }

        @Test
        void a_single_flipped_bit_in_the_body_is_a_bad_signature() {
            assertThat(read(delivery().tampered())).isInstanceOf(Reading.BadSignature.class);
        }

        @Test
        void the_same_json_re_serialised_with_a_space_is_a_bad_signature() {
            var delivery = delivery();
            byte[] spaced = delivery.bodyText().replaceFirst(",", ", ").getBytes(StandardCharsets.UTF_8);

            assertThat(read(delivery.withBody(spaced))).isInstanceOf(Reading.BadSignature.class);
        }

        @Test
        void a_delivery_signed_with_another_secret_is_a_bad_signature() {
            String uid = clinic.book(number(21), AppointmentType.CONSULTATION, slot(1, 30));

            assertThat(read(webhooks.signedWith("whsec_someone-else").bookingCreated(uid)))
                    .isInstanceOf(Reading.BadSignature.class);
        }

        @Test
        void a_delivery_without_the_signature_header_is_a_bad_signature() {
            assertThat(read(delivery().withoutSignature())).isInstanceOf(Reading.BadSignature.class);
        }

        @Test
        void a_webhook_without_a_secret_in_cal_com_sends_no_secret_provided_which_is_a_bad_signature() {
            String uid = clinic.book(number(22), AppointmentType.CONSULTATION, slot(2, 30));
            var unsigned = webhooks.signedWith(null).bookingCreated(uid);

            assertThat(unsigned.signature()).isEqualTo("no-secret-provided");
            assertThat(read(unsigned)).isInstanceOf(Reading.BadSignature.class);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   "})
        void without_a_configured_secret_every_delivery_is_a_bad_signature(String secret) {
            var reader = new CalComWebhookReader(secret, CLOCK, null);
            var delivery = delivery();
            var signedWithThatSecret = delivery.withHeader(
                    FakeCalComWebhooks.SIGNATURE_HEADER, FakeCalComWebhooks.signature(secret, delivery.body()));

            assertThat(read(reader, delivery)).isInstanceOf(Reading.BadSignature.class);
            assertThat(read(reader, signedWithThatSecret)).isInstanceOf(Reading.BadSignature.class);
        }

        @Test
        void a_signature_of_the_wrong_length_or_with_a_sha256_prefix_is_a_bad_signature() {
            var delivery = delivery();

            assertThat(read(delivery.withHeader(
                            FakeCalComWebhooks.SIGNATURE_HEADER,
                            delivery.signature().substring(1))))
                    .isInstanceOf(Reading.BadSignature.class);
            assertThat(read(delivery.withHeader(FakeCalComWebhooks.SIGNATURE_HEADER, delivery.signature() + "00")))
                    .isInstanceOf(Reading.BadSignature.class);
            assertThat(read(delivery.withHeader(FakeCalComWebhooks.SIGNATURE_HEADER, "sha256=" + delivery.signature())))
                    .isInstanceOf(Reading.BadSignature.class);
        }

        @Test
        void the_signature_header_is_found_whatever_the_case_of_its_name() {
            var delivery = delivery();
            var lowerCased = delivery.withHeader(FakeCalComWebhooks.SIGNATURE_HEADER, null)
                    .withHeader("x-cal-signature-256", delivery.signature());

            assertThat(read(lowerCased)).isInstanceOf(Reading.Verified.class);
        }

        @Test
        void the_body_is_not_parsed_before_the_signature_verifies() {
            var garbage = new FakeCalComWebhooks(clinic.calcom, "wrong").signed("?", "{not json");

            assertThat(read(garbage)).isInstanceOf(Reading.BadSignature.class);
        }
    }

    @Nested
    class ReplayAndGarbage {
        private String uid;

        private Delivery createdAt(Instant createdAt) {
            if (uid == null) {
                uid = clinic.book(number(30), AppointmentType.CONSULTATION, slot(0, 30));
            }
            return webhooks.at(createdAt).bookingCreated(uid);
        }

        @Test
        void a_delivery_created_longer_ago_than_the_max_age_is_unreadable_as_stale() {
            assertThat(read(createdAt(NOW.minus(Duration.ofHours(1)).minusSeconds(1))))
                    .isEqualTo(new Reading.Unreadable("stale"));
        }

        @Test
        void a_delivery_just_inside_the_max_age_is_read() {
            assertThat(read(createdAt(NOW.minus(Duration.ofMinutes(59))))).isInstanceOf(Reading.Verified.class);
        }

        @Test
        void the_max_age_is_the_one_configured() {
            var strict = new CalComWebhookReader(SECRET, CLOCK, Duration.ofMinutes(5));

            assertThat(read(strict, createdAt(NOW.minus(Duration.ofMinutes(6)))))
                    .isEqualTo(new Reading.Unreadable("stale"));
            assertThat(read(strict, createdAt(NOW.minus(Duration.ofMinutes(4)))))
                    .isInstanceOf(Reading.Verified.class);
        }

        @Test
        void a_delivery_created_more_than_five_minutes_ahead_of_our_clock_is_unreadable_but_a_little_skew_is_fine() {
            assertThat(read(createdAt(NOW.plus(Duration.ofMinutes(6)))))
                    .isEqualTo(new Reading.Unreadable("from the future"));
            assertThat(read(createdAt(NOW.plus(Duration.ofMinutes(2))))).isInstanceOf(Reading.Verified.class);
        }

        @Test
        void a_meeting_ended_long_after_its_end_is_stale() {
            String uid = clinic.book(number(31), AppointmentType.CONSULTATION, slot(1, 30));
            var muchLater = slot(1, 30).end().plus(Duration.ofHours(2));
            var reader = new CalComWebhookReader(SECRET, Clock.fixed(muchLater, ZoneOffset.UTC), null);

            assertThat(read(reader, webhooks.meetingEndedFlat(uid))).isEqualTo(new Reading.Unreadable("stale"));
        }

        @Test
        void garbage_with_a_valid_signature_is_unreadable() {
            assertThat(read(webhooks.signed("?", "{\"triggerEvent\": \"BOOKING_CREATED\", ")))
                    .isInstanceOf(Reading.Unreadable.class);
            assertThat(read(webhooks.signed("?", "not json at all"))).isInstanceOf(Reading.Unreadable.class);
            assertThat(read(webhooks.signed("?", ""))).isInstanceOf(Reading.Unreadable.class);
            assertThat(read(webhooks.signed("?", "[1, 2]"))).isInstanceOf(Reading.Unreadable.class);
            assertThat(read(webhooks.signed("?", "{\"a\": 1} {\"b\": 2}"))).isInstanceOf(Reading.Unreadable.class);
            // Cal.com's form-encoded body of a non-JSON custom template
            assertThat(read(webhooks.signed("?", "triggerEvent=BOOKING_CREATED&uid=abc")))
                    .isInstanceOf(Reading.Unreadable.class);
        }

        @Test
        void a_known_trigger_missing_what_we_need_is_unreadable() {
            String now = "\"createdAt\":\"2030-03-01T07:59:00.000Z\"";
            String times = "\"startTime\":\"2030-03-05T08:00:00Z\",\"endTime\":\"2030-03-05T08:30:00Z\"";

            assertThat(read(webhooks.signed("?", "{" + now + ",\"payload\":{\"uid\":\"u1\"}}")))
                    .isEqualTo(new Reading.Unreadable("no triggerEvent"));
            assertThat(read(webhooks.signed("?", "{\"triggerEvent\":\"BOOKING_CREATED\"," + now + "}")))
                    .isEqualTo(new Reading.Unreadable("no payload"));
            assertThat(read(webhooks.signed(
                            "?", "{\"triggerEvent\":\"BOOKING_CREATED\",\"payload\":{\"uid\":\"u1\"," + times + "}}")))
                    .isEqualTo(new Reading.Unreadable("no createdAt"));
            assertThat(read(webhooks.signed(
                            "?", "{\"triggerEvent\":\"BOOKING_CREATED\"," + now + ",\"payload\":{" + times + "}}")))
                    .isEqualTo(new Reading.Unreadable("no booking uid"));
            assertThat(read(webhooks.signed(
                            "?",
                            "{\"triggerEvent\":\"BOOKING_RESCHEDULED\"," + now + ",\"payload\":{\"uid\":\"u1\"}}")))
                    .isEqualTo(new Reading.Unreadable("no startTime or endTime"));
            assertThat(
                            read(
                                    webhooks.signed(
                                            "?",
                                            "{\"triggerEvent\":\"BOOKING_CREATED\"," + now
                                                    + ",\"payload\":{\"uid\":\"u1\",\"startTime\":\"tomorrow\",\"endTime\":\"2030-03-05T08:30:00Z\"}}")))
                    .isEqualTo(new Reading.Unreadable("startTime is not a time"));
            assertThat(
                            read(
                                    webhooks.signed(
                                            "?",
                                            "{\"triggerEvent\":\"BOOKING_CREATED\"," + now
                                                    + ",\"payload\":{\"uid\":\"u1\",\"startTime\":\"2030-03-05T08:30:00Z\",\"endTime\":\"2030-03-05T08:30:00Z\"}}")))
                    .isEqualTo(new Reading.Unreadable("endTime is not after startTime"));
        }

        @Test
        void the_same_body_has_the_same_delivery_hash_the_hex_sha256_of_the_body_and_another_body_another()
                throws Exception {
            var first = createdAt(NOW.minusSeconds(10));
            var again = createdAt(NOW.minusSeconds(10));
            var later = createdAt(NOW.minusSeconds(5));

            String hash = ((Reading.Verified) read(first)).deliveryHash();

            assertThat(((Reading.Verified) read(again)).deliveryHash()).isEqualTo(hash);
            assertThat(hash)
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(first.body())));
            assertThat(((Reading.Verified) read(later)).deliveryHash()).isNotEqualTo(hash);
        }
    }

    @Test
    void the_max_age_must_be_positive_and_defaults_to_an_hour() {
        assertThat(CalComWebhookReader.DEFAULT_MAX_AGE).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> new CalComWebhookReader(SECRET, CLOCK, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CalComWebhookReader(SECRET, CLOCK, Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> new CalComWebhookReader(SECRET, CLOCK, null)).doesNotThrowAnyException();
    }
}
