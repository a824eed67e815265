package com.cureka.appointments.adapters.http.appointment;

import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.adapters.http.request.Fields;
import com.cureka.appointments.application.appointment.BookAppointment;
import com.cureka.appointments.domain.appointment.Appointment;
import com.cureka.appointments.domain.doctor.DoctorId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * The body of {@code POST /api/v1/appointments}. {@code appointment_date_time} is an accepted alias of
 * {@code appointment_datetime} (the story spells it both ways); when both are sent the canonical one wins.
 */
record BookAppointmentRequest(
        @NotBlank(message = "is required") String doctorId,
        String appointmentDatetime,
        String appointmentDateTime,
        String appointmentType,

        @Size(max = Appointment.MAX_NOTES_LENGTH, message = "must be at most {max} characters")
        String notes,

        String patientId) {

    static final String DATETIME = "appointment_datetime";

    /** The command for the caller, or null when a field is wrong (noted in {@code errors}). */
    BookAppointment.Command toCommand(Caller caller, FieldErrors errors) {
        var doctor = Fields.uuid(doctorId, "doctor_id", errors);
        var start = start(appointmentDatetime, appointmentDateTime, errors);
        var type = Fields.appointmentType(appointmentType, "appointment_type", errors);
        checkPatient(caller, errors);
        if (!errors.isEmpty()) {
            return null;
        }
        return new BookAppointment.Command(caller.asPatient(), new DoctorId(doctor), start, type, notes);
    }

    /**
     * The requested start, from {@code appointment_datetime} or its alias (the canonical name wins); shared with
     * the reschedule request, which names the new start the same way.
     */
    static Instant start(String datetime, String alias, FieldErrors errors) {
        String given = !Fields.isAbsent(datetime) ? datetime : alias;
        if (Fields.isAbsent(given)) {
            if (!errors.has(DATETIME) && !errors.has("appointment_date_time")) {
                errors.add(DATETIME, FieldCode.REQUIRED, "is required");
            }
            return null;
        }
        return Fields.offsetDateTime(given, DATETIME, errors);
    }

    /** A patient books for themselves; a {@code patient_id} that names someone else is refused. */
    private void checkPatient(Caller caller, FieldErrors errors) {
        var patient = Fields.uuid(patientId, "patient_id", errors);
        if (patient != null && !patient.equals(caller.userId())) {
            errors.add("patient_id", FieldCode.PATIENT_MISMATCH, "must be the id of the signed-in patient");
        }
    }
}
