package com.cureka.appointments.adapters.http.error;

/** One problem with one field; {@code field} is the JSON path, e.g. {@code working_hours.monday[0].start}. */
public record FieldError(String field, FieldCode code, String message) {}
