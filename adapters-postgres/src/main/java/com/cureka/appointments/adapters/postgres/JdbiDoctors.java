package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.domain.doctor.CalendarAccount;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.schedule.Schedule;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link Doctors} in the {@code doctors} table; the schedule's parts are jsonb columns (see {@link DoctorJson}). */
public final class JdbiDoctors implements Doctors {
    private static final String COLUMNS = """
            id, name, specialty, email, time_zone, working_hours, slot_interval_minutes, time_off,
            calendar_username, calendar_event_types, active""";

    private final Jdbi jdbi;

    public JdbiDoctors(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean add(Doctor doctor) {
        return jdbi.withHandle(h -> bind(h.createUpdate("""
                INSERT INTO doctors (id, name, specialty, email, time_zone, working_hours, slot_interval_minutes,
                                     time_off, calendar_username, calendar_event_types, active)
                VALUES (:id, :name, :specialty, :email, :timeZone, :workingHours::jsonb, :slotIntervalMinutes,
                        :timeOff::jsonb, :calendarUsername, :calendarEventTypes::jsonb, :active)
                ON CONFLICT (id) DO NOTHING
                """), doctor).execute()) == 1;
    }

    @Override
    public Optional<Doctor> byId(DoctorId id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM doctors WHERE id = :id")
                .bind("id", id.value())
                .map(JdbiDoctors::doctor)
                .findOne());
    }

    @Override
    public List<Doctor> active(String specialtyOrNull) {
        // COLLATE "C": by code point, as Java orders strings, whatever the database's locale.
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + """
                         FROM doctors
                        WHERE active
                          AND (CAST(:specialty AS text) IS NULL OR lower(specialty) = lower(:specialty))
                        ORDER BY name COLLATE "C", id
                        """)
                .bind("specialty", specialtyOrNull)
                .map(JdbiDoctors::doctor)
                .list());
    }

    @Override
    public boolean update(Doctor doctor) {
        return jdbi.withHandle(h -> bind(h.createUpdate("""
                UPDATE doctors
                   SET name = :name, specialty = :specialty, email = :email, time_zone = :timeZone,
                       working_hours = :workingHours::jsonb, slot_interval_minutes = :slotIntervalMinutes,
                       time_off = :timeOff::jsonb, calendar_username = :calendarUsername,
                       calendar_event_types = :calendarEventTypes::jsonb,
                       -- Deactivation is final: a change based on an older read never brings a doctor back.
                       active = :active AND active, updated_at = now()
                 WHERE id = :id
                """), doctor).execute()) == 1;
    }

    private static <S extends SqlStatement<S>> S bind(S statement, Doctor doctor) {
        Schedule schedule = doctor.schedule();
        Optional<CalendarAccount> calendar = doctor.calendar();
        return statement
                .bind("id", doctor.id().value())
                .bind("name", doctor.name())
                .bind("specialty", doctor.specialty())
                .bind("email", doctor.email())
                .bind("timeZone", schedule.zone().getId())
                .bind("workingHours", DoctorJson.workingHours(schedule.workingHours()))
                .bind("slotIntervalMinutes", schedule.slotIntervalMinutes())
                .bind("timeOff", DoctorJson.timeOff(schedule.timeOff()))
                .bind(
                        "calendarUsername",
                        calendar.map(CalendarAccount::username).orElse(null))
                .bind(
                        "calendarEventTypes",
                        calendar.map(c -> DoctorJson.eventTypes(c.eventTypes())).orElse(null))
                .bind("active", doctor.active());
    }

    private static Doctor doctor(ResultSet rs, StatementContext ctx) throws SQLException {
        var schedule = new Schedule(
                ZoneId.of(rs.getString("time_zone")),
                DoctorJson.workingHours(rs.getString("working_hours")),
                rs.getInt("slot_interval_minutes"),
                DoctorJson.timeOff(rs.getString("time_off")));
        String eventTypes = rs.getString("calendar_event_types");
        var calendar = eventTypes == null
                ? null
                : new CalendarAccount(rs.getString("calendar_username"), DoctorJson.eventTypes(eventTypes));
        return new Doctor(
                new DoctorId(rs.getObject("id", UUID.class)),
                rs.getString("name"),
                rs.getString("specialty"),
                rs.getString("email"),
                schedule,
                calendar,
                rs.getBoolean("active"));
    }
}
