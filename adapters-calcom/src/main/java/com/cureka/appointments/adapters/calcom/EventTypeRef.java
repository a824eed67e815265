package com.cureka.appointments.adapters.calcom;

import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.AppointmentType;
import okhttp3.HttpUrl;

import java.util.Optional;

/**
 * The Cal.com event type that books a doctor's appointment type: a numeric {@code eventTypeId}, or an
 * {@code eventTypeSlug} (e.g. {@code 30-min}) with the doctor's Cal.com {@code username}.
 */
record EventTypeRef(Long id, String slug, String username) {

    /** Empty when the doctor has no Cal.com account, or none of its event types books this type. */
    static Optional<EventTypeRef> of(Doctor doctor, AppointmentType type) {
        var account = doctor.calendar();
        if (account.isEmpty()) {
            return Optional.empty();
        }
        var configured = account.get().eventTypeFor(type).map(String::strip).filter(s -> !s.isEmpty());
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        String value = configured.get();
        if (value.chars().allMatch(Character::isDigit) && value.length() < 19) {
            return Optional.of(new EventTypeRef(Long.parseLong(value), null, null));
        }
        String username = account.get().username();
        return username == null ? Optional.empty() : Optional.of(new EventTypeRef(null, value, username));
    }

    void addTo(HttpUrl.Builder query) {
        if (id != null) {
            query.addQueryParameter("eventTypeId", id.toString());
        } else {
            query.addQueryParameter("eventTypeSlug", slug).addQueryParameter("username", username);
        }
    }

    @Override
    public String toString() {
        return id != null ? "event type " + id : "event type " + username + "/" + slug;
    }
}
