package com.cureka.appointments.application.notification;

import com.cureka.appointments.application.outbox.CurrentAppointments;
import com.cureka.appointments.application.port.notification.Mailer;
import com.cureka.appointments.application.port.notification.ManageLinks;
import com.cureka.appointments.application.port.notification.Notice;
import com.cureka.appointments.application.port.notification.Notice.Kind;
import com.cureka.appointments.application.port.outbox.EventType;
import com.cureka.appointments.application.port.outbox.Handled;
import com.cureka.appointments.application.port.outbox.OutboxConsumer;
import com.cureka.appointments.application.port.outbox.OutboxEvent;
import com.cureka.appointments.domain.appointment.AppointmentStatus;
import com.cureka.appointments.domain.kernel.TimeSlot;

import java.time.Instant;
import java.util.Map;

/**
 * Use case (an outbox consumer): tells the patient of each booking, reschedule, cancellation and reminder by e-mail,
 * at the address of their token as last seen. A patient without one is skipped, with the reason kept in the outbox.
 */
public final class NotifyPatients implements OutboxConsumer {
    public static final String NAME = "notifications";
    static final String NO_ADDRESS = "the patient has no e-mail address (no email claim in their token)";

    private static final Map<String, Kind> KINDS = Map.of(
            EventType.BOOKED, Kind.BOOKED,
            EventType.RESCHEDULED, Kind.RESCHEDULED,
            EventType.CANCELLED, Kind.CANCELLED,
            EventType.REMINDER, Kind.REMINDER);

    private final CurrentAppointments current;
    private final ManageLinks links;
    private final Mailer mailer;

    public NotifyPatients(CurrentAppointments current, ManageLinks links, Mailer mailer) {
        this.current = current;
        this.links = links;
        this.mailer = mailer;
    }

    /** Whether events of this type become a message at all (completed and no-show do not, today). */
    public static boolean notifies(String eventType) {
        return KINDS.containsKey(eventType);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Handled handle(OutboxEvent event) {
        var kind = KINDS.get(event.type());
        if (kind == null) {
            return new Handled.Skipped(null, "no message for " + event.type());
        }
        var details = current.of(event).orElse(null);
        if (details == null) {
            return new Handled.Skipped(null, "the appointment no longer exists");
        }
        var appointment = details.appointment();
        var slot = new TimeSlot(Instant.parse(event.get("starts_at")), Instant.parse(event.get("ends_at")));
        if (kind == Kind.REMINDER
                && (appointment.status() != AppointmentStatus.SCHEDULED
                        || !appointment.slot().equals(slot))) {
            return new Handled.Skipped(null, "the appointment is no longer scheduled at that time");
        }
        var patient = details.patient();
        if (patient.email() == null || patient.email().isBlank()) {
            return new Handled.Skipped(null, NO_ADDRESS);
        }
        var doctor = details.doctor();
        long sequence = Long.parseLong(event.get("sequence"));
        String manageLink = kind == Kind.CANCELLED ? null : links.linkFor(appointment.number(), sequence, slot.start());
        mailer.send(new Notice(
                event.id(),
                kind,
                appointment.number(),
                patient.email(),
                patient.name(),
                doctor.name(),
                doctor.schedule().zone(),
                slot,
                sequence,
                appointment.links().videoConferenceUrl(),
                manageLink));
        return new Handled.Sent(patient.email());
    }
}
