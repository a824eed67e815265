package com.cureka.appointments.domain.appointment;

/** Where the appointment happens online: a video room and the calendar's event page; either may be absent. */
public record MeetingLinks(String videoConferenceUrl, String calendarEventUrl) {
    public static final MeetingLinks NONE = new MeetingLinks(null, null);
}
