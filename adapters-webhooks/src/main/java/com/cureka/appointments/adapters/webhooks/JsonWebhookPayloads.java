package com.cureka.appointments.adapters.webhooks;

import com.cureka.appointments.application.port.webhook.AppointmentEvent;
import com.cureka.appointments.application.port.webhook.WebhookPayloads;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The body of a delivery: {@code {"type", "timestamp", "data"}} (Standard Webhooks' payload structure), {@code data}
 * being the appointment as {@code GET /api/v1/appointments/{id}} answers it, without its history. Minified, and
 * rendered once per event: the stored bytes are what is signed and sent on every attempt.
 */
public final class JsonWebhookPayloads implements WebhookPayloads {
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public String render(AppointmentEvent event) {
        var root = mapper.createObjectNode();
        root.put("type", event.type().code());
        root.put("timestamp", event.occurredAt().toString());
        appointment(event, root.putObject("data"));
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }

    /** The same fields, names and formats as the HTTP adapter's AppointmentView (API.md). */
    private static void appointment(AppointmentEvent event, ObjectNode data) {
        var details = event.appointment();
        var appointment = details.appointment();
        var doctor = details.doctor();
        var zone = doctor.schedule().zone();
        String number = appointment.number().format();
        String status = appointment.status().code();
        data.put("appointment_id", number);
        data.put("appointment_number", number);
        data.put("status", status);
        data.put("cal_booking_id", appointment.calendarBookingId());
        var doctorNode = data.putObject("doctor");
        doctorNode.put("doctor_id", doctor.id().toString());
        doctorNode.put("name", doctor.name());
        doctorNode.put("specialty", doctor.specialty());
        var patient = data.putObject("patient");
        patient.put("patient_id", details.patient().id().toString());
        patient.put("name", details.patient().name());
        var d = data.putObject("appointment_details");
        d.put("datetime", format(appointment.slot().start(), zone));
        d.put("duration_minutes", appointment.slot().length().toMinutes());
        d.put("appointment_type", appointment.type().code());
        d.put("status", status);
        d.put("appointment_number", number);
        d.put("notes", appointment.notes());
        var links = data.putObject("meeting_links");
        links.put("video_conference_url", appointment.links().videoConferenceUrl());
        links.put("cal_event_link", appointment.links().calendarEventUrl());
    }

    /** In the doctor's zone with its offset, as the API writes it; UTC ISO-8601 outside four-digit years. */
    private static String format(Instant instant, ZoneId zone) {
        try {
            var local = instant.atZone(zone);
            if (local.getYear() >= 1 && local.getYear() <= 9999) {
                return WIRE.format(local);
            }
        } catch (DateTimeException beyondTheCalendar) {
            // written in UTC below
        }
        return instant.toString();
    }
}
