package com.cureka.appointments.adapters.mail;

import com.cureka.appointments.application.port.notification.Notice;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The subject and the two bodies of a message, as plain Java text blocks. Every value that came from outside (names,
 * links) is escaped in the HTML part; the text part is plain text and needs none.
 */
final class MailBodies {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ENGLISH);

    private MailBodies() {}

    static String subject(Notice n) {
        String with = "with " + doctor(n) + " on " + when(n);
        return switch (n.kind()) {
            case BOOKED -> "Your appointment " + with + " is booked";
            case RESCHEDULED -> "Your appointment is moved: now " + with;
            case CANCELLED -> "Your appointment " + with + " is cancelled";
            case REMINDER -> "Reminder: your appointment " + with;
        };
    }

    /** The sentence that says what happened, without the details. */
    private static String headline(Notice n) {
        return switch (n.kind()) {
            case BOOKED -> "Your appointment is booked.";
            case RESCHEDULED -> "Your appointment has moved to a new time.";
            case CANCELLED -> "Your appointment is cancelled.";
            case REMINDER -> "A reminder of your upcoming appointment.";
        };
    }

    static String text(Notice n) {
        var text = new StringBuilder();
        text.append("Hello")
                .append(n.patientName() == null ? "" : " " + n.patientName())
                .append(",\n\n");
        text.append(headline(n)).append("\n\n");
        text.append("Doctor:      ").append(doctor(n)).append('\n');
        text.append("When:        ").append(when(n)).append(" (").append(utc(n)).append(")\n");
        text.append("Appointment: ").append(n.number().format()).append('\n');
        if (n.videoUrl() != null && n.kind() != Notice.Kind.CANCELLED) {
            text.append("Video link:  ").append(n.videoUrl()).append('\n');
        }
        if (n.manageLink() != null) {
            text.append("\nTo cancel or reschedule: ").append(n.manageLink()).append('\n');
        }
        return text.toString();
    }

    static String html(Notice n) {
        String video = n.videoUrl() == null || n.kind() == Notice.Kind.CANCELLED
                ? ""
                : "<tr><th>Video link</th><td><a href=\"%1$s\">%1$s</a></td></tr>".formatted(escape(n.videoUrl()));
        String manage = n.manageLink() == null
                ? ""
                : "<p><a href=\"%s\">Cancel or reschedule</a></p>".formatted(escape(n.manageLink()));
        return """
                <!DOCTYPE html>
                <html><body>
                <p>Hello%s,</p>
                <p>%s</p>
                <table>
                <tr><th>Doctor</th><td>%s</td></tr>
                <tr><th>When</th><td>%s (%s)</td></tr>
                <tr><th>Appointment</th><td>%s</td></tr>
                %s
                </table>
                %s
                </body></html>
                """.formatted(
                        n.patientName() == null ? "" : " " + escape(n.patientName()),
                        escape(headline(n)),
                        escape(doctor(n)),
                        escape(when(n)),
                        escape(utc(n)),
                        escape(n.number().format()),
                        video,
                        manage);
    }

    private static String doctor(Notice n) {
        return n.doctorName() == null ? "your doctor" : n.doctorName();
    }

    /** In the doctor's zone, where the appointment takes place, with that zone named. */
    static String when(Notice n) {
        var local = n.slot().start().atZone(n.doctorZone());
        return WHEN.format(local) + " " + n.doctorZone().getId() + " (UTC"
                + local.getOffset().getId().replace("Z", "+00:00") + ")";
    }

    private static String utc(Notice n) {
        return UTC.format(n.slot().start().atOffset(ZoneOffset.UTC));
    }

    static String escape(String s) {
        var out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
