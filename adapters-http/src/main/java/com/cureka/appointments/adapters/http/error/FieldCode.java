package com.cureka.appointments.adapters.http.error;

/** What is wrong with one field of a request, inside {@code VALIDATION_ERROR}'s {@code details.errors}. */
public enum FieldCode {
    REQUIRED,
    INVALID_FORMAT,
    PAST_DATETIME,
    TOO_SOON,
    TOO_FAR_AHEAD,
    INVALID_TYPE,
    TOO_LONG,
    PATIENT_MISMATCH
}
