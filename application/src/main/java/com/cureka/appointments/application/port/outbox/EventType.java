package com.cureka.appointments.application.port.outbox;

/** The event types of appointments, named as the outbound webhooks will publish them. */
public final class EventType {
    public static final String BOOKED = "appointment.booked";
    public static final String RESCHEDULED = "appointment.rescheduled";
    public static final String CANCELLED = "appointment.cancelled";
    public static final String COMPLETED = "appointment.completed";
    public static final String NO_SHOW = "appointment.no_show";
    /** Not a change: the reminder job's decision that one reminder of an appointment is due. */
    public static final String REMINDER = "appointment.reminder";

    private EventType() {}
}
