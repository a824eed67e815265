package com.cureka.appointments.adapters.mail;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Attendee;
import biweekly.property.Method;
import biweekly.property.Organizer;
import biweekly.property.Status;
import com.cureka.appointments.application.port.notification.Notice;

import java.util.Date;

/**
 * The {@code invite.ics} of a message (RFC 5545, written by biweekly): one VEVENT whose UID is the appointment's for
 * its whole life, whose SEQUENCE is the appointment's version, with UTC times; METHOD:CANCEL for a cancellation, so
 * that the patient's calendar removes the event, METHOD:REQUEST otherwise, so that it adds or updates it.
 */
final class Invites {
    static final String UID_DOMAIN = "appointments.cureka";

    private Invites() {}

    static String uid(Notice notice) {
        return notice.number().format() + "@" + UID_DOMAIN;
    }

    static String method(Notice notice) {
        return notice.kind() == Notice.Kind.CANCELLED ? "CANCEL" : "REQUEST";
    }

    static String ics(Notice notice, String from) {
        var calendar = new ICalendar();
        calendar.setMethod(new Method(method(notice)));
        var event = new VEvent();
        event.setUid(uid(notice));
        event.setSequence((int) Math.min(Integer.MAX_VALUE, notice.sequence()));
        event.setDateStart(Date.from(notice.slot().start()), true);
        event.setDateEnd(Date.from(notice.slot().end()), true);
        event.setSummary(notice.doctorName() == null ? "Appointment" : "Appointment with " + notice.doctorName());
        if (notice.videoUrl() != null) {
            event.setLocation(notice.videoUrl());
            event.setUrl(notice.videoUrl());
        }
        event.setOrganizer(new Organizer(null, from));
        event.addAttendee(new Attendee(notice.patientName(), notice.to()));
        event.setStatus(notice.kind() == Notice.Kind.CANCELLED ? Status.cancelled() : Status.confirmed());
        calendar.addEvent(event);
        return Biweekly.write(calendar).go();
    }
}
