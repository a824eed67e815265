package com.cureka.appointments.bootstrap;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** What embedded dev mode prints at start-up: the dev secret, ready-made tokens, and a booking to try. */
final class DevBanner {
    private static final Duration TOKEN_LIFETIME = Duration.ofDays(7);

    private DevBanner() {}

    /** Where the confirmation of that booking can be read. */
    private static String mail(Settings settings) {
        var n = settings.notifications();
        return n.smtpUrl() != null
                ? "\n  E-mail to patients goes out over SMTP (SMTP_URL)."
                : "\n  E-mail to patients (no SMTP_URL): written as .eml files into "
                        + Path.of(n.mailDirectory()).toAbsolutePath().normalize()
                        + "\n  — open the newest one to read the confirmation of the booking above.";
    }

    static String render(Settings settings, int port, String secret, Clock clock, long readyMillis) {
        var tokens = new DevTokens(settings.jwt(), secret, clock);
        String patient = tokens.token(DemoData.PATIENT, "PATIENT", DemoData.PATIENT_NAME, TOKEN_LIFETIME);
        String doctor = tokens.token(DemoData.PRIYA.value(), "DOCTOR", "Dr. Priya Patel", TOKEN_LIFETIME);
        String admin = tokens.token(DemoData.ADMIN, "ADMIN", "Clinic Admin", TOKEN_LIFETIME);
        var tomorrow = LocalDate.now(clock.withZone(DemoData.KOLKATA))
                .plusDays(1)
                .atTime(10, 30)
                .atZone(DemoData.KOLKATA)
                .toOffsetDateTime()
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"));
        String base = "http://localhost:" + port;
        return """

                Appointments API ready on %s in %d ms — embedded dev mode (data in %s)

                  JWT_SECRET (dev only): %s

                  Patient token (Rajesh Kumar):  %s
                  Doctor token (Dr. Priya Patel): %s
                  Admin token:                    %s

                  Book an appointment:
                  curl -s -X POST %s/api/v1/appointments \\
                    -H 'Authorization: Bearer %s' \\
                    -H 'Content-Type: application/json' \\
                    -d '{"doctor_id":"%s","appointment_datetime":"%s","appointment_type":"consultation"}'

                  Free slots:  curl -s -H 'Authorization: Bearer %s' '%s/api/v1/doctors/%s/slots?date=%s'
                %s
                """.formatted(
                        base,
                        readyMillis,
                        settings.database().embeddedDirectory(),
                        secret,
                        patient,
                        doctor,
                        admin,
                        base,
                        patient,
                        DemoData.PRIYA,
                        tomorrow,
                        patient,
                        base,
                        DemoData.PRIYA,
                        tomorrow.substring(0, 10),
                        mail(settings));
    }
}
