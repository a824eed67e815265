package com.cureka.appointments.adapters.http;

import com.cureka.appointments.adapters.http.webhook.CalendarWebhookRoutes;
import com.cureka.appointments.application.port.appointment.Appointments;
import com.cureka.appointments.application.port.calendar.CalendarWebhookReader;
import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.application.port.idempotency.IdempotencyStore;
import com.cureka.appointments.application.port.jobs.JobRunner;
import com.cureka.appointments.application.port.patient.Patients;

import java.util.Objects;

/**
 * The application's ports that the HTTP API uses besides the use cases.
 * <ul>
 *   <li>{@code doctors}, {@code patients}, {@code appointments}: read only, to show what a use case already let
 *       the caller see: names on a page of appointments ({@code byId}, once per page) and an appointment's
 *       audit trail ({@code history}). Nothing is written through them.</li>
 *   <li>{@code idempotency}: {@code Idempotency-Key} of the booking, cancel and reschedule routes.</li>
 *   <li>{@code calendarWebhooks}: verifies and reads {@code POST /webhooks/cal}; without a webhook secret use
 *       {@link #NO_CALENDAR_WEBHOOKS}, which refuses every delivery with 401.</li>
 *   <li>{@code jobs}: {@code POST /api/v1/admin/jobs/{job}/run}.</li>
 * </ul>
 */
public record Ports(
        Doctors doctors,
        Patients patients,
        Appointments appointments,
        IdempotencyStore idempotency,
        CalendarWebhookReader calendarWebhooks,
        JobRunner jobs) {
    /** The webhook reader of a deployment that has no calendar webhook secret: nothing verifies, so 401. */
    public static final CalendarWebhookReader NO_CALENDAR_WEBHOOKS = CalendarWebhookRoutes.refusingAll();

    public Ports {
        Objects.requireNonNull(doctors, "doctors");
        Objects.requireNonNull(patients, "patients");
        Objects.requireNonNull(appointments, "appointments");
        Objects.requireNonNull(idempotency, "idempotency");
        Objects.requireNonNull(calendarWebhooks, "calendarWebhooks");
        Objects.requireNonNull(jobs, "jobs");
    }
}
