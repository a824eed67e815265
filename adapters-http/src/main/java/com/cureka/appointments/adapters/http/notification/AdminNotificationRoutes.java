package com.cureka.appointments.adapters.http.notification;

import com.cureka.appointments.adapters.http.auth.Access;
import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.adapters.http.json.Envelope;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.notification.NotifyPatients;
import com.cureka.appointments.application.port.outbox.DeliveryQuery;
import com.cureka.appointments.application.port.outbox.DeliveryRecord;
import com.cureka.appointments.application.port.outbox.Outbox;
import com.cureka.appointments.domain.appointment.AppointmentNumber;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/admin/notifications?appointment_id=&status=&limit=&cursor=} (ADMIN): the e-mails to patients,
 * newest first, as the outbox's {@code notifications} consumer recorded them. Events that make no message (completed,
 * no-show) are left out, so a page may hold fewer items than {@code limit}; {@code next_cursor} still pages on.
 */
public final class AdminNotificationRoutes {
    public static final String PATH = "/api/v1/admin/notifications";
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;

    private final Outbox outbox;

    public AdminNotificationRoutes(Outbox outbox) {
        this.outbox = outbox;
    }

    record NotificationView(
            String notificationId,
            String appointmentId,
            String kind,
            String channel,
            String to,
            String status,
            int attempts,
            String lastError,
            OffsetDateTime createdAt,
            OffsetDateTime sentAt) {
        static NotificationView of(DeliveryRecord d) {
            return new NotificationView(
                    Long.toString(d.id()),
                    d.number().format(),
                    d.eventType().substring(d.eventType().indexOf('.') + 1),
                    "email",
                    d.recipient(),
                    d.status().name().toLowerCase(Locale.ROOT),
                    d.attempts(),
                    d.lastError(),
                    utc(d.createdAt()),
                    d.status() == DeliveryRecord.Status.SENT ? utc(d.finishedAt()) : null);
        }

        private static OffsetDateTime utc(Instant instant) {
            return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
        }
    }

    record NotificationList(List<NotificationView> items, String nextCursor) {}

    public void addTo(JavalinDefaultRouting routes) {
        routes.get(PATH, Access.only(Role.ADMIN, this::list));
    }

    private void list(Context ctx, Caller caller) {
        var errors = new FieldErrors();
        AppointmentNumber number = null;
        var appointment = param(ctx, "appointment_id");
        if (appointment != null) {
            number = AppointmentNumber.parse(appointment).orElse(null);
            if (number == null) {
                errors.add("appointment_id", FieldCode.INVALID_FORMAT, "is not an appointment number");
            }
        }
        DeliveryRecord.Status status = null;
        var statusText = param(ctx, "status");
        if (statusText != null) {
            try {
                status = DeliveryRecord.Status.valueOf(statusText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("status", FieldCode.INVALID_FORMAT, "must be one of pending, sent, failed, skipped");
            }
        }
        int limit = DEFAULT_LIMIT;
        var limitText = param(ctx, "limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                errors.add("limit", FieldCode.INVALID_FORMAT, "must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        Long before = null;
        var cursor = param(ctx, "cursor");
        if (cursor != null) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                errors.add("cursor", FieldCode.INVALID_FORMAT, "is not a cursor this API gave out");
            }
        }
        errors.throwIfAny();
        var page = outbox.list(new DeliveryQuery(NotifyPatients.NAME, number, status, limit, before));
        var items = page.stream()
                .filter(d -> NotifyPatients.notifies(d.eventType()))
                .map(NotificationView::of)
                .toList();
        String next = page.size() == limit ? Long.toString(page.getLast().id()) : null;
        ctx.json(Envelope.ok(new NotificationList(items, next)));
    }

    private static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
