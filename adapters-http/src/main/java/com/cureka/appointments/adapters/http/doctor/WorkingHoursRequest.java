package com.cureka.appointments.adapters.http.doctor;

import jakarta.validation.constraints.NotNull;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code PUT /api/v1/admin/doctors/{id}/working-hours}. API.md asks for "the same
 * {@code working_hours} shape" as a registration; clients may send that object bare
 * ({@code {"monday": […]}}) or wrapped ({@code {"working_hours": {"monday": […]}}}). The bare form is read
 * as if wrapped, so field errors name {@code working_hours.monday[0].start} either way, as in a registration.
 */
record WorkingHoursRequest(@NotNull(message = "is required") Map<String, List<WorkingHoursJson.Period>> workingHours) {
    static final String FIELD = "working_hours";
}
