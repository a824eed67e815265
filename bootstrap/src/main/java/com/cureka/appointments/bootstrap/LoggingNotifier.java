package com.cureka.appointments.bootstrap;

import com.cureka.appointments.application.port.appointment.AppointmentDetails;
import com.cureka.appointments.application.port.reminder.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier used until a real channel (email, SMS, push) is connected: it logs that a reminder is due,
 * naming only the appointment number and patient id — never notes or contact details.
 */
final class LoggingNotifier implements Notifier {
    private static final Logger log = LoggerFactory.getLogger(LoggingNotifier.class);

    @Override
    public void remind(AppointmentDetails details) {
        log.info(
                "reminder due: appointment {} for patient {} at {}",
                details.appointment().number(),
                details.patient().id(),
                details.appointment().slot().start());
    }
}
