package com.cureka.appointments.bootstrap;

import com.cureka.appointments.adapters.calcom.CalComCalendarGateway;
import com.cureka.appointments.adapters.calcom.CalComSettings;
import com.cureka.appointments.adapters.calcom.CalComWebhookSubscription;
import com.cureka.appointments.adapters.calcom.webhook.CalComWebhookReader;
import com.cureka.appointments.adapters.http.Ports;
import com.cureka.appointments.application.calendar.BuiltInCalendar;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.application.port.calendar.CalendarWebhookReader;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The doctor's calendar, chosen from the settings: Cal.com when a key is set, otherwise the built-in one. A new
 * calendar adapter adds one branch here. The webhook reader verifies deliveries whenever a secret is set, also in
 * built-in mode (then every event is about a booking we do not hold, and is acknowledged and ignored).
 *
 * @param gateway      the calendar every use case talks to
 * @param webhooks     what reads {@code POST /webhooks/cal}; refuses every delivery when no secret is set
 * @param subscription registers {@code CAL_COM_WEBHOOK_URL} in Cal.com; empty unless key, URL and secret are set
 */
record CalendarWiring(
        CalendarGateway gateway, CalendarWebhookReader webhooks, Optional<CalComWebhookSubscription> subscription) {
    /** Deliveries older than this are ignored as stale (Cal.com sends at once, or retries within minutes). */
    static final Duration WEBHOOK_MAX_AGE = Duration.ofHours(1);

    static CalendarWiring choose(
            Settings.CalCom calCom, Duration calendarTimeout, String videoRoomBaseUrl, Clock clock) {
        CalendarGateway builtIn = new BuiltInCalendar(videoRoomBaseUrl);
        var reader = calCom.webhookSecret() == null
                ? null
                : new CalComWebhookReader(calCom.webhookSecret(), clock, WEBHOOK_MAX_AGE, calCom.eventLinkBase());
        if (!calCom.connected()) {
            return new CalendarWiring(builtIn, reader == null ? Ports.NO_CALENDAR_WEBHOOKS : reader, Optional.empty());
        }
        var settings = CalComSettings.of(calCom.apiKey(), calCom.baseUrl(), calendarTimeout)
                .withEventLinkBase(calCom.eventLinkBase());
        var calendar = new CalComCalendarGateway(settings, builtIn);
        var subscription = calCom.registersWebhook()
                ? Optional.of(new CalComWebhookSubscription(settings, calCom.webhookUrl(), calCom.webhookSecret()))
                : Optional.<CalComWebhookSubscription>empty();
        return new CalendarWiring(
                calendar,
                reader == null ? Ports.NO_CALENDAR_WEBHOOKS : reader.withNumberLookup(calendar),
                subscription);
    }

    /**
     * Registers the webhook subscription on a thread of its own, so that a slow or failing Cal.com never holds up
     * or stops start-up (a failure is logged at WARN by the subscription).
     */
    void registerWebhookInBackground() {
        subscription.ifPresent(
                s -> Thread.ofVirtual().name("cal-com-webhook-registration").start(s::register));
    }
}
