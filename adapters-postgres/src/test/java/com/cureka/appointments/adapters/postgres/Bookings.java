package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.appointment.Change;
import com.cureka.appointments.application.port.appointment.HoldResult;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.Patient;
import com.cureka.appointments.domain.patient.PatientId;
import com.cureka.appointments.domain.schedule.Schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Books appointments through {@link JdbiAppointments} on an emptied database, for the specs of the tables beside it. */
final class Bookings {
    static final Instant NOW = Instant.parse("2025-11-20T08:00:00Z");
    static final DoctorId DOCTOR = new DoctorId(UUID.fromString("00000000-0000-4000-8000-00000000d001"));
    static final DoctorId OTHER_DOCTOR = new DoctorId(UUID.fromString("00000000-0000-4000-8000-00000000d002"));
    static final Patient ASHA =
            new Patient(new PatientId(UUID.fromString("00000000-0000-4000-8000-00000000a001")), "Asha Rao", null);
    static final Patient RAJESH =
            new Patient(new PatientId(UUID.fromString("00000000-0000-4000-8000-00000000a002")), "Rajesh Kumar", null);
    static final Instant MONDAY = Instant.parse("2025-11-24T00:00:00Z");

    private final PostgresDatabase database;
    final JdbiAppointments appointments;
    private final AtomicLong sequence = new AtomicLong();

    /** Empties every table of appointments and registers two doctors. */
    Bookings(PostgresDatabase database) {
        this.database = database;
        this.appointments = new JdbiAppointments(database.jdbi());
        database.jdbi()
                .useHandle(h -> h.execute(
                        "TRUNCATE appointment_history, appointment_reminders, appointments, patients, doctors"));
        var doctors = new JdbiDoctors(database.jdbi());
        for (DoctorId doctor : new DoctorId[] {DOCTOR, OTHER_DOCTOR}) {
            doctors.add(new Doctor(doctor, "Dr. " + doctor, null, null, Schedule.standard(ZoneOffset.UTC), null, true));
        }
    }

    AppointmentNumber number() {
        return new AppointmentNumber("AID", LocalDate.ofInstant(NOW, ZoneOffset.UTC), sequence.incrementAndGet());
    }

    /** A 30-minute slot on Monday 24 November 2025 starting at the given UTC time, e.g. "10:00". */
    static TimeSlot monday(String start) {
        var hhmm = start.split(":");
        var at = MONDAY.plus(Duration.ofHours(Long.parseLong(hhmm[0])))
                .plus(Duration.ofMinutes(Long.parseLong(hhmm[1])));
        return TimeSlot.of(at, Duration.ofMinutes(30));
    }

    Appointment pending(DoctorId doctor, Patient patient, TimeSlot slot) {
        return Appointment.hold(number(), doctor, patient.id(), AppointmentType.CONSULTATION, slot, null, NOW);
    }

    /** Holds a PENDING appointment, which must succeed. */
    Appointment held(DoctorId doctor, Patient patient, TimeSlot slot) {
        var appointment = pending(doctor, patient, slot);
        assertThat(appointments.hold(appointment, patient, 10, NOW)).isInstanceOf(HoldResult.Held.class);
        return appointment;
    }

    /** Holds and confirms an appointment, which must succeed. */
    Appointment scheduled(DoctorId doctor, Patient patient, TimeSlot slot) {
        var hold = held(doctor, patient, slot);
        var confirmed = hold.confirm("cal-" + sequence.get(), MeetingLinks.NONE, NOW);
        assertThat(appointments.replace(
                        hold, confirmed, new Change("calendar:booking", Change.Action.CONFIRMED, null, NOW)))
                .isEmpty();
        return confirmed;
    }

    /** Cancels a scheduled appointment, which must succeed. */
    Appointment cancelled(Appointment scheduled) {
        var cancelled = scheduled.cancel(NOW);
        assertThat(appointments.replace(
                        scheduled, cancelled, new Change("admin:ops", Change.Action.CANCELLED, null, NOW)))
                .isEmpty();
        return cancelled;
    }

    /** The single integer a query answers, its {@code ?} bound to the arguments in order. */
    long count(String sql, Object... arguments) {
        return database.jdbi().withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < arguments.length; i++) {
                query.bind(i, arguments[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }
}
