package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.appointment.MeetingLinks;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.PatientId;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static com.cureka.appointments.adapters.postgres.Timestamps.instant;
import static com.cureka.appointments.adapters.postgres.Timestamps.utc;

/** A row of {@code appointments}: its columns, the parameters an appointment is bound to, and the mapping back. */
final class AppointmentRows {
    static final String COLUMNS = """
            number, doctor_id, patient_id, appointment_type, starts_at, ends_at, status, notes,
            calendar_booking_id, video_url, calendar_event_url, created_at, updated_at""";
    /** Page order: by start, then by number as the domain compares numbers (day, then sequence). */
    static final String PAGE_ORDER = "starts_at, number_day, number_seq";

    private AppointmentRows() {}

    /** Binds every column of {@link #COLUMNS} to the parameter of its camel-case name ({@code :startsAt}). */
    static <S extends SqlStatement<S>> S bind(S statement, Appointment a) {
        return statement.bindMap(values(a));
    }

    /** The value of every column of {@link #COLUMNS}, under its parameter's name; for Jdbi and {@link NamedSql}. */
    static Map<String, Object> values(Appointment a) {
        var values = new HashMap<String, Object>();
        values.put("number", a.number().format());
        values.put("doctorId", a.doctorId().value());
        values.put("patientId", a.patientId().value());
        values.put("type", a.type().name());
        values.put("startsAt", utc(a.slot().start()));
        values.put("endsAt", utc(a.slot().end()));
        values.put("status", a.status().name());
        values.put("notes", a.notes());
        values.put("calendarBookingId", a.calendarBookingId());
        values.put("videoUrl", a.links().videoConferenceUrl());
        values.put("calendarEventUrl", a.links().calendarEventUrl());
        values.put("createdAt", utc(a.createdAt()));
        values.put("updatedAt", utc(a.updatedAt()));
        return values;
    }

    /** Maps a row of {@link #COLUMNS}. */
    static Appointment appointment(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Appointment(
                number(rs),
                new DoctorId(rs.getObject("doctor_id", UUID.class)),
                new PatientId(rs.getObject("patient_id", UUID.class)),
                AppointmentType.valueOf(rs.getString("appointment_type")),
                new TimeSlot(instant(rs, "starts_at"), instant(rs, "ends_at")),
                AppointmentStatus.valueOf(rs.getString("status")),
                rs.getString("notes"),
                rs.getString("calendar_booking_id"),
                new MeetingLinks(rs.getString("video_url"), rs.getString("calendar_event_url")),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    /** The {@code number} column; the schema's check constraint makes a malformed one a broken database. */
    static AppointmentNumber number(ResultSet rs) throws SQLException {
        String number = rs.getString("number");
        return AppointmentNumber.parse(number)
                .orElseThrow(() -> new IllegalStateException("malformed appointment number " + number));
    }
}
