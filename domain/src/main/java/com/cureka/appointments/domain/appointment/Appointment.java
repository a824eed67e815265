package com.cureka.appointments.domain.appointment;

import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.domain.patient.PatientId;

import java.time.Instant;
import java.util.Objects;

/**
 * A patient's appointment with a doctor. It owns its life cycle: a PENDING hold is confirmed by the
 * calendar into SCHEDULED, which ends CANCELLED, COMPLETED or NO_SHOW. Moving it keeps its number.
 * Instances are immutable: each transition returns the next state.
 */
public record Appointment(
        AppointmentNumber number,
        DoctorId doctorId,
        PatientId patientId,
        AppointmentType type,
        TimeSlot slot,
        AppointmentStatus status,
        String notes,
        String calendarBookingId,
        MeetingLinks links,
        Instant createdAt,
        Instant updatedAt) {
    public static final int MAX_NOTES_LENGTH = 500;

    public Appointment {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(doctorId, "doctor");
        Objects.requireNonNull(patientId, "patient");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        links = links == null ? MeetingLinks.NONE : links;
        if (notes != null && notes.length() > MAX_NOTES_LENGTH) {
            throw new IllegalArgumentException("notes are at most " + MAX_NOTES_LENGTH + " characters");
        }
    }

    /** A new hold on a slot, waiting for the calendar to confirm it. */
    public static Appointment hold(
            AppointmentNumber number,
            DoctorId doctor,
            PatientId patient,
            AppointmentType type,
            TimeSlot slot,
            String notes,
            Instant now) {
        return new Appointment(
                number,
                doctor,
                patient,
                type,
                slot,
                AppointmentStatus.PENDING,
                notes,
                null,
                MeetingLinks.NONE,
                now,
                now);
    }

    public Appointment confirm(String calendarBookingId, MeetingLinks links, Instant now) {
        require(status == AppointmentStatus.PENDING, "only a pending appointment can be confirmed");
        return new Appointment(
                number,
                doctorId,
                patientId,
                type,
                slot,
                AppointmentStatus.SCHEDULED,
                notes,
                calendarBookingId,
                links,
                createdAt,
                now);
    }

    public boolean canCancel(Instant now) {
        return status.holdsSlot() && slot.start().isAfter(now);
    }

    public Appointment cancel(Instant now) {
        require(canCancel(now), "only an upcoming pending or scheduled appointment can be cancelled");
        return withStatus(AppointmentStatus.CANCELLED, now);
    }

    /** Gives up a hold that the calendar refused or never confirmed. */
    public Appointment release(Instant now) {
        require(status == AppointmentStatus.PENDING, "only a pending hold can be released");
        return withStatus(AppointmentStatus.CANCELLED, now);
    }

    /**
     * Only a confirmed appointment moves: a PENDING hold is still being booked in the calendar, and moving it
     * would race the confirmation.
     */
    public boolean canReschedule(Instant now) {
        return status == AppointmentStatus.SCHEDULED && slot.start().isAfter(now);
    }

    public Appointment moveTo(TimeSlot newSlot, String newCalendarBookingId, MeetingLinks newLinks, Instant now) {
        require(canReschedule(now), "only an upcoming scheduled appointment can be moved");
        return new Appointment(
                number,
                doctorId,
                patientId,
                type,
                newSlot,
                status,
                notes,
                newCalendarBookingId,
                newLinks,
                createdAt,
                now);
    }

    public boolean canComplete(Instant now) {
        return status == AppointmentStatus.SCHEDULED && !slot.start().isAfter(now);
    }

    public Appointment complete(Instant now) {
        require(canComplete(now), "only a scheduled appointment that has begun can be completed");
        return withStatus(AppointmentStatus.COMPLETED, now);
    }

    public Appointment markNoShow(Instant now) {
        require(canComplete(now), "only a scheduled appointment that has begun can be marked as a no-show");
        return withStatus(AppointmentStatus.NO_SHOW, now);
    }

    public boolean isUpcoming(Instant now) {
        return status.holdsSlot() && slot.end().isAfter(now);
    }

    private Appointment withStatus(AppointmentStatus next, Instant now) {
        return new Appointment(
                number, doctorId, patientId, type, slot, next, notes, calendarBookingId, links, createdAt, now);
    }

    private static void require(boolean allowed, String message) {
        if (!allowed) {
            throw new InvalidTransition(message);
        }
    }
}
