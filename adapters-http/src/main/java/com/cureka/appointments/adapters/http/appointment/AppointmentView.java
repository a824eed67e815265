package com.cureka.appointments.adapters.http.appointment;

import com.cureka.appointments.adapters.http.json.WireTime;
import com.cureka.appointments.application.port.appointment.AppointmentDetails;
import com.cureka.appointments.application.port.appointment.AuditEntry;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * An appointment on the wire (API.md, {@code POST /api/v1/appointments}). The number stands both as
 * {@code appointment_id} and {@code appointment_number}, and the status both at the top and in
 * {@code appointment_details}: the story's example and its test each read one of the two places.
 * {@code history}, the audit trail, is shown with one appointment and left out of lists.
 */
record AppointmentView(
        String appointmentId,
        String appointmentNumber,
        String status,
        String calBookingId,
        DoctorRef doctor,
        PatientRef patient,
        Details appointmentDetails,
        Links meetingLinks,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<HistoryEntry> history) {

    record DoctorRef(String doctorId, String name, String specialty) {}

    record PatientRef(String patientId, String name) {}

    /** {@code datetime} is in the doctor's time zone. */
    record Details(
            String datetime,
            long durationMinutes,
            String appointmentType,
            String status,
            String appointmentNumber,
            String notes) {}

    record Links(String videoConferenceUrl, String calEventLink) {}

    /**
     * One line of the audit trail. Times are in the doctor's time zone; {@code from} and {@code to} are the
     * starts of the slot before and after the change ({@code from} and {@code from_status} are null on the
     * booking itself, which had no "before").
     */
    record HistoryEntry(
            String at,
            String actor,
            String action,
            String fromStatus,
            String toStatus,
            String from,
            String to,
            String reason) {}

    /** As in a list: without the history. */
    static AppointmentView of(AppointmentDetails details) {
        return of(details, null);
    }

    static AppointmentView of(AppointmentDetails details, List<AuditEntry> trail) {
        var appointment = details.appointment();
        var doctor = details.doctor();
        var zone = doctor.schedule().zone();
        String number = appointment.number().format();
        String status = appointment.status().code();
        return new AppointmentView(
                number,
                number,
                status,
                appointment.calendarBookingId(),
                new DoctorRef(doctor.id().toString(), doctor.name(), doctor.specialty()),
                new PatientRef(
                        details.patient().id().toString(), details.patient().name()),
                new Details(
                        WireTime.format(appointment.slot().start(), zone),
                        appointment.slot().length().toMinutes(),
                        appointment.type().code(),
                        status,
                        number,
                        appointment.notes()),
                new Links(
                        appointment.links().videoConferenceUrl(),
                        appointment.links().calendarEventUrl()),
                trail == null
                        ? null
                        : trail.stream().map(entry -> entry(entry, zone)).toList());
    }

    private static HistoryEntry entry(AuditEntry entry, ZoneId zone) {
        return new HistoryEntry(
                WireTime.format(entry.at(), zone),
                entry.actor(),
                entry.action().name().toLowerCase(Locale.ROOT),
                entry.fromStatus() == null ? null : entry.fromStatus().code(),
                entry.toStatus() == null ? null : entry.toStatus().code(),
                start(entry.fromSlot(), zone),
                start(entry.toSlot(), zone),
                entry.reason());
    }

    private static String start(TimeSlot slot, ZoneId zone) {
        return slot == null ? null : WireTime.format(slot.start(), zone);
    }
}
