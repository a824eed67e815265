package com.cureka.appointments.application.embedding;

import com.cureka.appointments.application.appointment.BookAppointment;
import com.cureka.appointments.application.availability.AlternativeSlots;
import com.cureka.appointments.application.availability.FindAvailableSlots;
import com.cureka.appointments.application.availability.SlotFinder;
import com.cureka.appointments.application.calendar.BuiltInCalendar;
import com.cureka.appointments.application.memory.InMemoryAppointmentNumbers;
import com.cureka.appointments.application.memory.InMemoryAppointments;
import com.cureka.appointments.application.port.availability.AvailabilityCache;
import com.cureka.appointments.application.port.availability.BookingRateLimiter;
import com.cureka.appointments.application.port.calendar.CalendarBookingRequest;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.calendar.CalendarResult;
import com.cureka.appointments.application.port.calendar.FreeStarts;
import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.booking.BookingPolicy;
import com.cureka.appointments.domain.booking.BookingRules;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import com.cureka.appointments.domain.schedule.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docs/embedding.md shows: another JVM service uses the domain and application jars with adapters of
 * its own — here a read-only doctor directory it already has, and a calendar that blocks the lunch hour.
 */
class EmbeddingExampleTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2025-09-22T06:00:00Z");
    private static final Doctor DR_WEBER = new Doctor(
            new DoctorId(UUID.fromString("00000000-0000-4000-8000-000000000001")),
            "Dr. Weber",
            "Orthopaedics",
            null,
            Schedule.standard(BERLIN),
            null,
            true);

    /** The host service's own doctor directory, adapted to the port. */
    static final class DirectoryDoctors implements Doctors {
        private final List<Doctor> directory;

        DirectoryDoctors(List<Doctor> directory) {
            this.directory = directory;
        }

        public boolean add(Doctor doctor) {
            return false;
        }

        public Optional<Doctor> byId(DoctorId id) {
            return directory.stream().filter(d -> d.id().equals(id)).findFirst();
        }

        public List<Doctor> active(String specialty) {
            return directory;
        }

        public boolean update(Doctor doctor) {
            return false;
        }
    }

    /** A calendar of the host's own: nobody is booked over lunch (12:00–13:00 Berlin time). */
    static final class LunchBlockingCalendar implements CalendarGateway {
        private final BuiltInCalendar confirmations = new BuiltInCalendar(null);

        public boolean isExternal() {
            return false;
        }

        public FreeStarts freeStarts(Doctor doctor, AppointmentType type, LocalDate first, LocalDate last) {
            var length = type.standardLength();
            return new FreeStarts.Known(first.datesUntil(last.plusDays(1))
                    .flatMap(day -> doctor.schedule().slotsOn(day, length).stream())
                    .filter(slot -> !slot.overlaps(lunch(slot.start())))
                    .map(TimeSlot::start)
                    .collect(Collectors.toSet()));
        }

        public CalendarResult book(CalendarBookingRequest request) {
            return request.slot().overlaps(lunch(request.slot().start()))
                    ? new CalendarResult.SlotTaken("lunch")
                    : confirmations.book(request);
        }

        public CalendarResult cancel(String id, String reason) {
            return confirmations.cancel(id, reason);
        }

        public CalendarResult reschedule(String id, TimeSlot slot, String reason) {
            return confirmations.reschedule(id, slot, reason);
        }

        public CalendarLookup bookingsWithAppointmentNumbers(Instant from, Instant to) {
            return new CalendarLookup.Found(List.of());
        }

        public CalendarLookup bookingFor(AppointmentNumber n, Doctor d, TimeSlot s) {
            return new CalendarLookup.Found(List.of());
        }

        private static TimeSlot lunch(Instant any) {
            var day = any.atZone(BERLIN).toLocalDate();
            return new TimeSlot(
                    day.atTime(12, 0).atZone(BERLIN).toInstant(),
                    day.atTime(13, 0).atZone(BERLIN).toInstant());
        }
    }

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryAppointments appointments = new InMemoryAppointments();
    private final DirectoryDoctors doctors = new DirectoryDoctors(List.of(DR_WEBER));
    private final LunchBlockingCalendar calendar = new LunchBlockingCalendar();
    private final BookingPolicy policy = new BookingPolicy(BookingRules.STANDARD);
    private final SlotFinder finder = new SlotFinder(appointments, calendar, AvailabilityCache.NONE, policy);
    private final BookAppointment book = new BookAppointment(
            doctors,
            appointments,
            new InMemoryAppointmentNumbers("ORTHO"),
            calendar,
            AvailabilityCache.NONE,
            BookingRateLimiter.UNLIMITED,
            new AlternativeSlots(finder, appointments, policy),
            policy,
            ZoneOffset.UTC,
            clock);
    private final FindAvailableSlots slots = new FindAvailableSlots(doctors, finder, clock);

    @Test
    void a_host_service_books_through_its_own_adapters_with_its_own_number_prefix() {
        var patient = new Patient(new PatientId(UUID.randomUUID()), "Anna", null);
        var start = LocalDate.of(2025, 9, 23).atTime(10, 0).atZone(BERLIN).toInstant();

        var result = book.book(
                new BookAppointment.Command(patient, DR_WEBER.id(), start, AppointmentType.CONSULTATION, null));

        assertThat(result)
                .isInstanceOfSatisfying(
                        BookAppointment.Result.Booked.class,
                        b -> assertThat(b.details().appointment().number().format())
                                .isEqualTo("ORTHO-20250922-0001"));
    }

    @Test
    void the_host_calendar_rules_shape_both_listings_and_bookings() {
        var day = LocalDate.of(2025, 9, 23);
        var lunchStart = day.atTime(12, 0).atZone(BERLIN).toInstant();

        var listed = (FindAvailableSlots.Result.Found)
                slots.find(new FindAvailableSlots.Query(DR_WEBER.id(), day, AppointmentType.CONSULTATION));
        var overLunch = book.book(new BookAppointment.Command(
                new Patient(new PatientId(UUID.randomUUID()), "Ben", null),
                DR_WEBER.id(),
                lunchStart,
                AppointmentType.CONSULTATION,
                null));

        assertThat(listed.slots())
                .extracting(TimeSlot::start)
                .doesNotContain(lunchStart, lunchStart.plus(Duration.ofMinutes(30)))
                .contains(lunchStart.plus(Duration.ofHours(1)));
        assertThat(overLunch)
                .isInstanceOfSatisfying(
                        BookAppointment.Result.Rejected.class,
                        r -> assertThat(r.refusal().reason()).isInstanceOf(Rejection.SlotUnavailable.class));
    }
}
