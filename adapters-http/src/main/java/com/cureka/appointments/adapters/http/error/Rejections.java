package com.cureka.appointments.adapters.http.error;

import com.cureka.appointments.adapters.http.json.WireTime;
import com.cureka.appointments.application.appointment.Refusal;
import com.cureka.appointments.domain.booking.Rejection;

/** The one place where each domain {@link Rejection} becomes its documented code (API.md, "Error codes"). */
public final class Rejections {
    /** The request field a timing rule is about; the same for a new booking and a reschedule. */
    static final String DATETIME_FIELD = "appointment_datetime";

    private Rejections() {}

    public static ApiError toError(Rejection rejection) {
        return toError(Refusal.plain(rejection));
    }

    /** A refusal that offers alternatives always lists them, perhaps none, written in the doctor's time zone. */
    public static ApiError toError(Refusal refusal) {
        var error = codeOf(refusal.reason());
        if (!refusal.reason().offersAlternatives()) {
            return error;
        }
        // A refusal holds alternatives only with the doctor's zone, so orElseThrow is reached only with one.
        var starts = refusal.alternatives().stream()
                .map(slot -> WireTime.format(slot.start(), refusal.doctorZone().orElseThrow()))
                .toList();
        return error.withDetail("alternative_slots", starts);
    }

    private static ApiError codeOf(Rejection rejection) {
        return switch (rejection) {
            case Rejection.PastDateTime r -> ApiError.validation(DATETIME_FIELD, FieldCode.PAST_DATETIME, r.message());
            case Rejection.TooSoon r -> ApiError.validation(DATETIME_FIELD, FieldCode.TOO_SOON, r.message());
            case Rejection.TooFarAhead r -> ApiError.validation(DATETIME_FIELD, FieldCode.TOO_FAR_AHEAD, r.message());
            case Rejection.SlotUnavailable r -> ApiError.of(ErrorCode.SLOT_UNAVAILABLE, r.message());
            case Rejection.OutsideBusinessHours r -> ApiError.of(ErrorCode.OUTSIDE_BUSINESS_HOURS, r.message());
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
}
