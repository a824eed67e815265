package com.cureka.appointments.application.reminder;

import com.cureka.appointments.application.port.appointment.AppointmentDetails;
import com.cureka.appointments.application.port.doctor.Doctors;
import com.cureka.appointments.application.port.patient.Patients;
import com.cureka.appointments.application.port.reminder.Notifier;
import com.cureka.appointments.application.port.reminder.Reminders;
import com.cureka.appointments.domain.patient.Patient;

import java.time.Clock;
import java.time.Duration;

/**
 * Use case (job): reminds patients of appointments that start within the lead time. Each reminder is
 * claimed before it is sent, so it goes out once even when several instances run the job.
 */
public final class SendReminders {
    private static final int BATCH = 500;

    private final Reminders reminders;
    private final Doctors doctors;
    private final Patients patients;
    private final Notifier notifier;
    private final Duration leadTime;
    private final Clock clock;

    public SendReminders(
            Reminders reminders,
            Doctors doctors,
            Patients patients,
            Notifier notifier,
            Duration leadTime,
            Clock clock) {
        this.reminders = reminders;
        this.doctors = doctors;
        this.patients = patients;
        this.notifier = notifier;
        this.leadTime = leadTime;
        this.clock = clock;
    }

    public record Report(int sent, int failed) {}

    public Report run() {
        var now = clock.instant();
        int sent = 0;
        int failed = 0;
        for (var appointment : reminders.due(now, now.plus(leadTime), BATCH)) {
            if (!reminders.claim(appointment.number(), now)) {
                continue;
            }
            try {
                var doctor = doctors.byId(appointment.doctorId()).orElseThrow();
                var patient =
                        patients.byId(appointment.patientId()).orElse(new Patient(appointment.patientId(), null, null));
                notifier.remind(new AppointmentDetails(appointment, doctor, patient));
                sent++;
            } catch (RuntimeException e) {
                reminders.unclaim(appointment.number());
                failed++;
            }
        }
        return new Report(sent, failed);
    }
}
