package com.cureka.appointments.testkit.outbox;

import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.appointment.HoldResult;
import com.cureka.appointments.application.port.outbox.Delivery;
import com.cureka.appointments.application.port.outbox.DeliveryQuery;
import com.cureka.appointments.application.port.outbox.DeliveryRecord;
import com.cureka.appointments.application.port.outbox.DeliveryRecord.Status;
import com.cureka.appointments.application.port.outbox.EventType;
import com.cureka.appointments.application.port.outbox.Handled;
import com.cureka.appointments.application.port.outbox.Outbox;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Outbox}, with the {@link Appointments} that writes into it, must do: exactly one event per
 * committed change (none for a refused one, none for a hold the patient does not have yet), handed out to one claimer
 * at a time, again after a lease ran out, never again once done or failed.
 */
public abstract class OutboxContract {
    protected static final Instant NOW = Instant.parse("2025-11-20T08:00:00Z");
    protected static final DoctorId DOCTOR = new DoctorId(UUID.fromString("7d0f8a5e-2222-4a6b-9c1d-000000000001"));
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Instant MONDAY_10 = Instant.parse("2025-11-24T10:00:00Z");

    /** An empty {@link Appointments} and the outbox it writes to, writing for the one consumer "notifications". */
    public record Stores(Appointments appointments, Outbox outbox) {}

    protected abstract Stores newStores();

    /** Makes the doctor known before anyone books them; nothing to do for most stores. */
    protected void addDoctor(DoctorId doctor) {}

    private final AtomicLong sequence = new AtomicLong();
    private Appointments appointments;
    private Outbox outbox;

    @BeforeEach
    void emptyStores() {
        var stores = newStores();
        appointments = stores.appointments();
        outbox = stores.outbox();
        addDoctor(DOCTOR);
    }

    @Test
    void a_booking_stored_scheduled_writes_one_booked_event() {
        var booked = scheduled(patient("Asha"), MONDAY_10);

        var claimed = outbox.claim(NOW, LEASE, 10);

        assertThat(claimed).singleElement().satisfies(d -> {
            assertThat(d.consumer()).isEqualTo("notifications");
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.event().type()).isEqualTo(EventType.BOOKED);
            assertThat(d.event().number()).isEqualTo(booked.number());
            assertThat(d.event().occurredAt()).isEqualTo(NOW);
            assertThat(d.event().get("starts_at")).isEqualTo(MONDAY_10.toString());
            assertThat(d.event().get("sequence")).isEqualTo("0");
        });
    }

    @Test
    void a_pending_hold_tells_nobody_until_the_calendar_confirms_it() {
        var hold = pending(patient("Asha"), MONDAY_10);
        assertThat(appointments.hold(hold, patient("Asha"), 10, NOW)).isInstanceOf(HoldResult.Held.class);
        assertThat(outbox.claim(NOW, LEASE, 10)).isEmpty();

        var confirmed = hold.confirm("cal-1", MeetingLinks.NONE, NOW);
        assertThat(appointments.replace(hold, confirmed, change(Change.Action.CONFIRMED)))
                .isEmpty();

        assertThat(outbox.claim(NOW, LEASE, 10))
                .extracting(d -> d.event().type())
                .containsExactly(EventType.BOOKED);
    }

    @Test
    void a_refused_booking_and_a_refused_change_write_nothing() {
        var asha = patient("Asha");
        var booked = scheduled(asha, MONDAY_10);
        drain();
        var rajesh = patient("Rajesh");
        var clash = pending(rajesh, MONDAY_10).confirm("cal-2", MeetingLinks.NONE, NOW);
        assertThat(appointments.hold(clash, rajesh, 10, NOW)).isInstanceOf(HoldResult.Refused.class);

        var stale = booked.moveTo(slot(MONDAY_10.plusSeconds(3600)), null, MeetingLinks.NONE, NOW);
        assertThat(appointments.replace(stale, stale.cancel(NOW), change(Change.Action.CANCELLED)))
                .as("compare-and-set against a state that was never stored")
                .isPresent();

        assertThat(outbox.claim(NOW, LEASE, 10)).isEmpty();
    }

    @Test
    void each_change_writes_its_event_with_a_growing_sequence() {
        var booked = scheduled(patient("Asha"), MONDAY_10);
        var moved = booked.moveTo(slot(MONDAY_10.plusSeconds(3600)), booked.calendarBookingId(), booked.links(), NOW);
        assertThat(appointments.replace(booked, moved, change(Change.Action.RESCHEDULED)))
                .isEmpty();
        var cancelled = moved.cancel(NOW);
        assertThat(appointments.replace(moved, cancelled, change(Change.Action.CANCELLED)))
                .isEmpty();

        var events = outbox.claim(NOW, LEASE, 10).stream().map(Delivery::event).toList();

        assertThat(events)
                .extracting(e -> e.type())
                .containsExactly(EventType.BOOKED, EventType.RESCHEDULED, EventType.CANCELLED);
        assertThat(events)
                .extracting(e -> Long.parseLong(e.get("sequence")))
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(events.get(1).get("starts_at"))
                .isEqualTo(MONDAY_10.plusSeconds(3600).toString());
        assertThat(events).extracting(e -> e.id()).doesNotHaveDuplicates();
    }

    @Test
    void a_claimed_delivery_is_not_handed_out_again_while_its_lease_runs() {
        scheduled(patient("Asha"), MONDAY_10);
        assertThat(outbox.claim(NOW, LEASE, 10)).hasSize(1);

        assertThat(outbox.claim(NOW.plus(LEASE).minusSeconds(1), LEASE, 10)).isEmpty();
    }

    @Test
    void a_delivery_whose_claimer_never_reported_back_is_handed_out_again_after_the_lease() {
        scheduled(patient("Asha"), MONDAY_10);
        var first = outbox.claim(NOW, LEASE, 10).getFirst();

        var again = outbox.claim(NOW.plus(LEASE), LEASE, 10);

        assertThat(again).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(first.id());
            assertThat(d.event().id()).isEqualTo(first.event().id());
            assertThat(d.attempts()).isEqualTo(2);
        });
    }

    @Test
    void a_delivery_done_is_never_handed_out_again() {
        scheduled(patient("Asha"), MONDAY_10);
        var delivery = outbox.claim(NOW, LEASE, 10).getFirst();

        outbox.done(delivery.id(), new Handled.Sent("asha@example.org"), NOW.plusSeconds(1));

        assertThat(outbox.claim(NOW.plus(Duration.ofDays(1)), LEASE, 10)).isEmpty();
        assertThat(outbox.list(all())).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.SENT);
            assertThat(r.recipient()).isEqualTo("asha@example.org");
            assertThat(r.finishedAt()).isEqualTo(NOW.plusSeconds(1));
            assertThat(r.attempts()).isEqualTo(1);
        });
    }

    @Test
    void deliveries_done_together_are_each_finished_as_their_consumer_said_and_never_handed_out_again() {
        scheduled(patient("Asha"), MONDAY_10);
        scheduled(patient("Rajesh"), MONDAY_10.plusSeconds(3600));
        scheduled(patient("Meera"), MONDAY_10.plusSeconds(7200));
        var claimed = outbox.claim(NOW, LEASE, 10);
        assertThat(claimed).hasSize(3);
        outbox.done(claimed.get(2).id(), new Handled.Sent("first@example.org"), NOW);

        outbox.doneAll(
                List.of(
                        new Outbox.Finished(claimed.get(0).id(), new Handled.Sent("asha@example.org")),
                        new Outbox.Finished(claimed.get(1).id(), new Handled.Skipped(null, "no e-mail address")),
                        new Outbox.Finished(claimed.get(2).id(), new Handled.Sent("again@example.org"))),
                NOW.plusSeconds(5));

        assertThat(outbox.claim(NOW.plus(Duration.ofDays(1)), LEASE, 10)).isEmpty();
        var byId = outbox.list(all()).stream().collect(Collectors.toMap(DeliveryRecord::id, r -> r));
        assertThat(byId.get(claimed.get(0).id()))
                .extracting(r -> r.status(), r -> r.recipient(), r -> r.finishedAt())
                .containsExactly(Status.SENT, "asha@example.org", NOW.plusSeconds(5));
        assertThat(byId.get(claimed.get(1).id()))
                .extracting(r -> r.status(), r -> r.lastError(), r -> r.finishedAt())
                .containsExactly(Status.SKIPPED, "no e-mail address", NOW.plusSeconds(5));
        // Finished before: what it recorded first stands.
        assertThat(byId.get(claimed.get(2).id()))
                .extracting(r -> r.recipient(), r -> r.finishedAt())
                .containsExactly("first@example.org", NOW);
    }

    @Test
    void a_retried_delivery_is_due_at_its_retry_time_and_not_before() {
        scheduled(patient("Asha"), MONDAY_10);
        var delivery = outbox.claim(NOW, LEASE, 10).getFirst();

        outbox.retry(delivery.id(), "SMTP 421", NOW.plusSeconds(30));

        assertThat(outbox.claim(NOW.plusSeconds(29), LEASE, 10)).isEmpty();
        assertThat(outbox.claim(NOW.plusSeconds(30), LEASE, 10)).hasSize(1);
        assertThat(outbox.list(all()).getFirst().lastError()).isEqualTo("SMTP 421");
    }

    @Test
    void skipped_and_failed_deliveries_are_finished_with_their_reason() {
        scheduled(patient("Asha"), MONDAY_10);
        scheduled(patient("Rajesh"), MONDAY_10.plusSeconds(3600));
        var claimed = outbox.claim(NOW, LEASE, 10);

        outbox.done(claimed.get(0).id(), new Handled.Skipped(null, "no e-mail address"), NOW);
        outbox.fail(claimed.get(1).id(), "550 mailbox unavailable", NOW);

        assertThat(outbox.list(all()))
                .extracting(r -> r.status(), r -> r.lastError())
                .containsExactly(
                        Tuple.tuple(Status.FAILED, "550 mailbox unavailable"),
                        Tuple.tuple(Status.SKIPPED, "no e-mail address"));
        assertThat(outbox.claim(NOW.plus(Duration.ofDays(1)), LEASE, 10)).isEmpty();
    }

    @Test
    void the_listing_filters_by_appointment_and_status_and_pages_newest_first() {
        var first = scheduled(patient("Asha"), MONDAY_10);
        scheduled(patient("Rajesh"), MONDAY_10.plusSeconds(3600));
        scheduled(patient("Meera"), MONDAY_10.plusSeconds(7200));

        var page = outbox.list(new DeliveryQuery("notifications", null, Status.PENDING, 2, null));
        var rest = outbox.list(new DeliveryQuery(
                "notifications", null, Status.PENDING, 2, page.getLast().id()));

        assertThat(page).hasSize(2);
        assertThat(page.get(0).id()).isGreaterThan(page.get(1).id());
        assertThat(rest).singleElement().satisfies(r -> assertThat(r.number()).isEqualTo(first.number()));
        assertThat(outbox.list(new DeliveryQuery(null, first.number(), null, 10, null)))
                .hasSize(1);
        assertThat(outbox.list(new DeliveryQuery(null, null, Status.SENT, 10, null)))
                .isEmpty();
    }

    @Test
    void the_depth_counts_due_deliveries_and_dates_the_oldest() {
        scheduled(patient("Asha"), MONDAY_10);
        scheduled(patient("Rajesh"), MONDAY_10.plusSeconds(3600));

        assertThat(outbox.depth(NOW.plusSeconds(5))).isEqualTo(new Outbox.Depth(2, NOW));
        outbox.claim(NOW.plusSeconds(5), LEASE, 1);
        assertThat(outbox.depth(NOW.plusSeconds(5)).due()).isEqualTo(1);
    }

    @Test
    void the_purge_removes_finished_deliveries_only() {
        scheduled(patient("Asha"), MONDAY_10);
        scheduled(patient("Rajesh"), MONDAY_10.plusSeconds(3600));
        var claimed = outbox.claim(NOW, LEASE, 1).getFirst();
        outbox.done(claimed.id(), new Handled.Sent("asha@example.org"), NOW);

        assertThat(outbox.purgeFinishedBefore(NOW.plusSeconds(1))).isEqualTo(1);

        assertThat(outbox.list(all()))
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(Status.PENDING));
    }

    @Test
    void claimers_racing_for_the_same_deliveries_each_get_different_ones() throws Exception {
        for (int i = 0; i < 40; i++) {
            scheduled(patient("P" + i), MONDAY_10.plus(Duration.ofMinutes(30L * i)));
        }
        Callable<List<Long>> claimer = () -> {
            var mine = new ArrayList<Long>();
            List<Delivery> batch;
            while (!(batch = outbox.claim(NOW, LEASE, 3)).isEmpty()) {
                batch.forEach(d -> mine.add(d.id()));
            }
            return mine;
        };
        var ids = new ArrayList<Long>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (var result : pool.invokeAll(List.of(claimer, claimer, claimer, claimer))) {
                ids.addAll(result.get());
            }
        }

        assertThat(ids).hasSize(40);
        assertThat(new HashSet<>(ids)).hasSize(40);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static DeliveryQuery all() {
        return new DeliveryQuery(null, null, null, 100, null);
    }

    private void drain() {
        outbox.claim(NOW, LEASE, 100).forEach(d -> outbox.done(d.id(), new Handled.Sent(null), NOW));
    }

    private static Change change(Change.Action action) {
        return new Change("patient:test", action, null, NOW);
    }

    private static Patient patient(String name) {
        return new Patient(new PatientId(UUID.nameUUIDFromBytes(name.getBytes())), name, null);
    }

    private static TimeSlot slot(Instant start) {
        return TimeSlot.of(start, Duration.ofMinutes(30));
    }

    private Appointment pending(Patient patient, Instant start) {
        var number = new AppointmentNumber("AID", LocalDate.ofInstant(NOW, ZoneOffset.UTC), sequence.incrementAndGet());
        return Appointment.hold(number, DOCTOR, patient.id(), AppointmentType.CONSULTATION, slot(start), null, NOW);
    }

    /** Stores an appointment SCHEDULED at once, as with the built-in calendar. */
    private Appointment scheduled(Patient patient, Instant start) {
        var appointment = pending(patient, start).confirm("builtin-" + sequence.get(), MeetingLinks.NONE, NOW);
        assertThat(appointments.hold(appointment, patient, 10, NOW)).isInstanceOf(HoldResult.Held.class);
        return appointment;
    }
}
