package com.cureka.appointments.adapters.http.doctor;

import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.adapters.http.request.Fields;
import com.cureka.appointments.application.doctor.RegisterDoctor;
import com.cureka.appointments.domain.doctor.CalendarAccount;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/v1/admin/doctors}; only {@code name} and {@code time_zone} are required. */
record RegisterDoctorRequest(
        String doctorId,

        @NotBlank(message = "is required")
        @Size(max = Doctor.MAX_NAME_LENGTH, message = "must be at most {max} characters")
        String name,

        @Size(max = 200, message = "must be at most {max} characters")
        String specialty,

        @Email(message = "must be an email address") @Size(max = 254, message = "must be at most {max} characters")
        String email,

        @NotBlank(message = "is required") String timeZone,
        Map<String, List<WorkingHoursJson.Period>> workingHours,

        @Min(value = 5, message = "must be between 5 and 240") @Max(value = 240, message = "must be between 5 and 240")
        Integer slotIntervalMinutes,

        @Valid CalCom calCom) {

    /** Where the doctor's Cal.com calendar is: the user name and an event type id per appointment type. */
    record CalCom(
            @Size(max = 200, message = "must be at most {max} characters")
            String username,

            Map<String, Long> eventTypeIds) {}

    /** The command, or null when a field is wrong (noted in {@code errors}). */
    RegisterDoctor.Command toCommand(FieldErrors errors) {
        var id = Fields.uuid(doctorId, "doctor_id", errors);
        var zone = zone(errors);
        var hours = workingHours == null ? null : WorkingHoursJson.toDomain(workingHours, "working_hours", errors);
        var calendar = calendar(errors);
        if (!errors.isEmpty()) {
            return null;
        }
        return new RegisterDoctor.Command(
                id == null ? null : new DoctorId(id),
                name,
                blankToNull(specialty),
                blankToNull(email),
                zone,
                hours,
                slotIntervalMinutes,
                calendar);
    }

    /** An IANA region such as {@code Asia/Kolkata}: a fixed offset would get daylight-saving days wrong. */
    private ZoneId zone(FieldErrors errors) {
        if (Fields.isAbsent(timeZone)) {
            return null;
        }
        if (!ZoneId.getAvailableZoneIds().contains(timeZone.strip())) {
            errors.add("time_zone", FieldCode.INVALID_FORMAT, "must be an IANA time zone such as Asia/Kolkata");
            return null;
        }
        return ZoneId.of(timeZone.strip());
    }

    private CalendarAccount calendar(FieldErrors errors) {
        if (calCom == null) {
            return null;
        }
        var eventTypes = new EnumMap<AppointmentType, String>(AppointmentType.class);
        if (calCom.eventTypeIds() != null) {
            calCom.eventTypeIds().forEach((code, id) -> {
                String field = "cal_com.event_type_ids." + code;
                var type = AppointmentType.fromCode(code);
                if (type.isEmpty()) {
                    errors.add(field, FieldCode.INVALID_TYPE, "is not an appointment type");
                } else if (id == null || id < 1) {
                    errors.add(field, FieldCode.INVALID_FORMAT, "must be a positive event type id");
                } else {
                    eventTypes.put(type.get(), id.toString());
                }
            });
        }
        return new CalendarAccount(calCom.username(), eventTypes);
    }

    private static String blankToNull(String text) {
        return Fields.isAbsent(text) ? null : text.strip();
    }
}
