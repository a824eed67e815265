package com.cureka.appointments.adapters.http.error;

import com.cureka.appointments.adapters.http.json.WireTime;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.kernel.TimeSlot;

import java.time.ZoneId;
import java.util.List;

/** The one place where each domain {@link Rejection} becomes its documented code (API.md, "Error codes"). */
public final class Rejections {
    /** The request field a timing rule is about; the same for a new booking and a reschedule. */
    static final String DATETIME_FIELD = "appointment_datetime";

    private Rejections() {}

    public static ApiError toError(Rejection rejection) {
        return toError(rejection, List.of(), ZoneId.of("UTC"));
    }

    /** @param alternatives other free starts for a refused slot, written in the doctor's time zone */
    public static ApiError toError(Rejection rejection, List<TimeSlot> alternatives, ZoneId doctorZone) {
        return switch (rejection) {
            case Rejection.PastDateTime r -> ApiError.validation(DATETIME_FIELD, FieldCode.PAST_DATETIME, r.message());
            case Rejection.TooSoon r -> ApiError.validation(DATETIME_FIELD, FieldCode.TOO_SOON, r.message());
            case Rejection.TooFarAhead r -> ApiError.validation(DATETIME_FIELD, FieldCode.TOO_FAR_AHEAD, r.message());
            case Rejection.SlotUnavailable r ->
                withAlternatives(ErrorCode.SLOT_UNAVAILABLE, r.message(), alternatives, doctorZone);
            case Rejection.OutsideBusinessHours r ->
                withAlternatives(ErrorCode.OUTSIDE_BUSINESS_HOURS, r.message(), alternatives, doctorZone);
            case Rejection.PatientConflict r -> ApiError.of(ErrorCode.PATIENT_CONFLICT, r.message());
            case Rejection.AppointmentLimitReached r ->
                ApiError.of(ErrorCode.APPOINTMENT_LIMIT_REACHED, r.message()).withDetail("limit", r.limit());
            case Rejection.DoctorNotFound r -> ApiError.of(ErrorCode.DOCTOR_NOT_FOUND, r.message());
            case Rejection.AppointmentNotFound r -> ApiError.of(ErrorCode.APPOINTMENT_NOT_FOUND, r.message());
            case Rejection.InvalidState r -> ApiError.of(ErrorCode.INVALID_STATE, r.message());
            case Rejection.RateLimited r ->
                ApiError.of(ErrorCode.RATE_LIMITED, r.message()).retryAfter(r.retryAfter());
            case Rejection.CalendarUnavailable r ->
                ApiError.of(ErrorCode.CAL_COM_ERROR, r.message()).retryAfter(r.retryAfter());
        };
    }

    private static ApiError withAlternatives(ErrorCode code, String message, List<TimeSlot> alternatives, ZoneId zone) {
        var starts = alternatives.stream()
                .map(slot -> WireTime.format(slot.start(), zone))
                .toList();
        return ApiError.of(code, message).withDetail("alternative_slots", starts);
    }
}
