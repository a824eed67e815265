package com.cureka.appointments.application.port.reminder;

import com.cureka.appointments.application.port.appointment.AppointmentDetails;

/** Output port: tells a patient about an upcoming appointment (email, SMS, push — the adapter decides). */
public interface Notifier {
    /** Throws when the message could not be handed over; the reminder is then retried on the next run. */
    void remind(AppointmentDetails appointment);
}
