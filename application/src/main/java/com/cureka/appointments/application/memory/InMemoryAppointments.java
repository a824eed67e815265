package com.cureka.appointments.application.memory;

import com.cureka.appointments.application.port.appointment.AppointmentQuery;
import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.appointment.AuditEntry;
import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.appointment.HoldResult;
import com.cureka.appointments.application.port.outbox.AppointmentEvents;
import com.cureka.appointments.application.port.patient.Patients;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@link Appointments} and {@link Patients} in memory, for one process. Every write takes one lock, so the
 * invariants hold between threads as the database's constraints make them hold between processes.
 */
public final class InMemoryAppointments implements Appointments, Patients {
    private final Map<AppointmentNumber, Appointment> appointments = new HashMap<>();
    private final Map<PatientId, Patient> patients = new HashMap<>();
    private final Map<AppointmentNumber, List<AuditEntry>> trail = new HashMap<>();
    private final InMemoryOutbox outbox;

    public InMemoryAppointments() {
        this(new InMemoryOutbox());
    }

    /** Writes the event of every change to {@code outbox}, under the same lock as the change. */
    public InMemoryAppointments(InMemoryOutbox outbox) {
        this.outbox = outbox;
    }

    public InMemoryOutbox outbox() {
        return outbox;
    }

    @Override
    public synchronized HoldResult hold(Appointment appointment, Patient patient, int maxUpcoming, Instant now) {
        var stored = patients.merge(
                patient.id(),
                patient,
                (old, fresh) -> new Patient(
                        old.id(),
                        fresh.name() != null ? fresh.name() : old.name(),
                        fresh.email() != null ? fresh.email() : old.email()));
        long upcoming = appointments.values().stream()
                .filter(a -> a.patientId().equals(patient.id()) && a.isUpcoming(now))
                .count();
        if (upcoming >= maxUpcoming) {
            return new HoldResult.Refused(new Rejection.AppointmentLimitReached(maxUpcoming));
        }
        var clash = clash(appointment);
        if (clash.isPresent()) {
            return new HoldResult.Refused(clash.get());
        }
        if (appointments.putIfAbsent(appointment.number(), appointment) != null) {
            throw new IllegalStateException("appointment number used twice: " + appointment.number());
        }
        var booking = new Change("patient:" + patient.id(), Change.Action.BOOKED, null, now);
        append(new AuditEntry(
                appointment.number(),
                now,
                booking.actor(),
                booking.action(),
                null,
                appointment.status(),
                null,
                appointment.slot(),
                null));
        AppointmentEvents.of(booking, null, appointment, 0).ifPresent(outbox::add);
        return new HoldResult.Held(appointment, stored);
    }

    @Override
    public synchronized Optional<Rejection> replace(Appointment expected, Appointment changed, Change change) {
        var stored = appointments.get(expected.number());
        if (stored == null || !sameState(stored, expected)) {
            return Optional.of(Appointments.CHANGED_MEANWHILE);
        }
        var clash = clash(changed);
        if (clash.isPresent()) {
            return clash;
        }
        appointments.put(changed.number(), changed);
        long sequence = trail.getOrDefault(changed.number(), List.of()).size();
        AppointmentEvents.of(change, stored.status(), changed, sequence).ifPresent(outbox::add);
        append(new AuditEntry(
                changed.number(),
                change.at(),
                change.actor(),
                change.action(),
                stored.status(),
                changed.status(),
                stored.slot(),
                changed.slot(),
                change.reason()));
        return Optional.empty();
    }

    static boolean sameState(Appointment stored, Appointment expected) {
        return stored.status() == expected.status()
                && stored.slot().equals(expected.slot())
                && Objects.equals(stored.calendarBookingId(), expected.calendarBookingId());
    }

    @Override
    public synchronized List<AuditEntry> history(AppointmentNumber number) {
        return List.copyOf(trail.getOrDefault(number, List.of()));
    }

    @Override
    public synchronized void discard(AppointmentNumber number) {
        var stored = appointments.get(number);
        if (stored != null && stored.status() == AppointmentStatus.PENDING) {
            appointments.remove(number);
            trail.remove(number);
        }
    }

    @Override
    public synchronized Optional<Appointment> byNumber(AppointmentNumber number) {
        return Optional.ofNullable(appointments.get(number));
    }

    @Override
    public synchronized List<Appointment> holdingSlotsOfDoctor(DoctorId doctor, TimeSlot window) {
        return holding(a -> a.doctorId().equals(doctor) && a.slot().overlaps(window));
    }

    @Override
    public synchronized List<Appointment> holdingSlotsOfPatient(PatientId patient, TimeSlot window) {
        return holding(a -> a.patientId().equals(patient) && a.slot().overlaps(window));
    }

    @Override
    public synchronized List<Appointment> pendingCreatedBefore(Instant instant) {
        return appointments.values().stream()
                .filter(a ->
                        a.status() == AppointmentStatus.PENDING && a.createdAt().isBefore(instant))
                .sorted(Comparator.comparing(Appointment::createdAt))
                .toList();
    }

    @Override
    public synchronized List<Appointment> page(AppointmentQuery q) {
        Comparator<Appointment> order =
                Comparator.comparing((Appointment a) -> a.slot().start()).thenComparing(Appointment::number);
        return appointments.values().stream()
                .filter(a -> q.patient() == null || a.patientId().equals(q.patient()))
                .filter(a -> q.doctor() == null || a.doctorId().equals(q.doctor()))
                .filter(a -> q.status() == null || a.status() == q.status())
                .filter(a -> q.from() == null || !a.slot().start().isBefore(q.from()))
                .filter(a -> q.to() == null || a.slot().start().isBefore(q.to()))
                .filter(a -> q.after() == null
                        || a.slot().start().isAfter(q.after().start())
                        || (a.slot().start().equals(q.after().start())
                                && a.number().compareTo(q.after().number()) > 0))
                .sorted(order)
                .limit(q.limit())
                .toList();
    }

    @Override
    public synchronized Optional<Patient> byId(PatientId id) {
        return Optional.ofNullable(patients.get(id));
    }

    private Optional<Rejection> clash(Appointment candidate) {
        if (!candidate.status().holdsSlot()) {
            return Optional.empty();
        }
        for (Appointment other : appointments.values()) {
            if (other.number().equals(candidate.number())
                    || !other.status().holdsSlot()
                    || !other.slot().overlaps(candidate.slot())) {
                continue;
            }
            if (other.doctorId().equals(candidate.doctorId())) {
                return Optional.of(new Rejection.SlotUnavailable(Rejection.SlotUnavailable.Cause.TAKEN));
            }
            if (other.patientId().equals(candidate.patientId())) {
                return Optional.of(new Rejection.PatientConflict());
            }
        }
        return Optional.empty();
    }

    private void append(AuditEntry entry) {
        trail.computeIfAbsent(entry.number(), n -> new ArrayList<>()).add(entry);
    }

    private List<Appointment> holding(Predicate<Appointment> filter) {
        return appointments.values().stream()
                .filter(a -> a.status().holdsSlot())
                .filter(filter)
                .sorted(Comparator.comparing((Appointment a) -> a.slot().start()))
                .toList();
    }
}
