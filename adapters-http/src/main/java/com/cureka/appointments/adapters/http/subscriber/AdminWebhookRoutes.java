package com.cureka.appointments.adapters.http.subscriber;

import com.cureka.appointments.adapters.http.auth.Access;
import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.adapters.http.json.Envelope;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.adapters.http.request.Fields;
import com.cureka.appointments.adapters.http.request.JsonBody;
import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.port.webhook.DeliveryStatus;
import com.cureka.appointments.application.port.webhook.WebhookSubscription;
import com.cureka.appointments.application.webhook.InspectDeliveries;
import com.cureka.appointments.application.webhook.ManageWebhooks;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;

import java.util.Objects;
import java.util.UUID;

/** Administrators manage the subscribers of outbound webhooks and look at their deliveries (docs/webhooks.md). */
public final class AdminWebhookRoutes {
    static final String COLLECTION = "/api/v1/admin/webhooks";
    private static final String ONE = COLLECTION + "/{webhook_id}";
    private static final int DEFAULT_LIMIT = 20;

    private final ManageWebhooks manage;
    private final InspectDeliveries inspect;
    private final JsonBody body;

    public AdminWebhookRoutes(ManageWebhooks manage, InspectDeliveries inspect, JsonBody body) {
        this.manage = Objects.requireNonNull(manage, "manage");
        this.inspect = Objects.requireNonNull(inspect, "inspect");
        this.body = Objects.requireNonNull(body, "body");
    }

    record Deleted(String webhookId, boolean deleted) {}

    record Redelivery(String deliveryId, String status) {}

    public void addTo(JavalinDefaultRouting routes) {
        routes.post(COLLECTION, Access.only(Role.ADMIN, this::create));
        routes.get(COLLECTION, Access.only(Role.ADMIN, this::list));
        routes.get(ONE, Access.only(Role.ADMIN, this::get));
        routes.put(ONE, Access.only(Role.ADMIN, this::update));
        routes.delete(ONE, Access.only(Role.ADMIN, this::delete));
        routes.post(ONE + "/rotate-secret", Access.only(Role.ADMIN, this::rotate));
        routes.get(ONE + "/deliveries", Access.only(Role.ADMIN, this::deliveries));
        routes.post(ONE + "/deliveries/{delivery_id}/redeliver", Access.only(Role.ADMIN, this::redeliver));
    }

    private void create(Context ctx, Caller caller) {
        var errors = new FieldErrors();
        var request = body.read(ctx, WebhookRequest.class, errors);
        errors.throwIfAny();
        if (Fields.isAbsent(request.url())) {
            errors.add("url", FieldCode.REQUIRED, "is required");
        }
        var events = request.eventTypes(errors);
        request.checkDescription(errors);
        errors.throwIfAny();
        var created = done(
                manage.create(new ManageWebhooks.Settings(request.url(), events, request.description(), true)), errors);
        ctx.status(HttpStatus.CREATED)
                .header("Location", COLLECTION + "/" + created.id())
                .json(Envelope.ok(WebhookViews.of(created, true)));
    }

    private void list(Context ctx, Caller caller) {
        var items = manage.list().stream().map(s -> WebhookViews.of(s, false)).toList();
        ctx.json(Envelope.ok(new WebhookViews.Page<>(items, null)));
    }

    private void get(Context ctx, Caller caller) {
        var id = webhookId(ctx);
        ctx.json(Envelope.ok(WebhookViews.of(manage.get(id).orElseThrow(AdminWebhookRoutes::notFound), false)));
    }

    private void update(Context ctx, Caller caller) {
        var id = webhookId(ctx);
        var existing = manage.get(id).orElseThrow(AdminWebhookRoutes::notFound);
        var errors = new FieldErrors();
        var request = body.read(ctx, WebhookRequest.class, errors);
        errors.throwIfAny();
        var events = request.eventTypes(errors);
        request.checkDescription(errors);
        errors.throwIfAny();
        var settings = new ManageWebhooks.Settings(
                request.url() == null ? existing.url().toString() : request.url(),
                events == null ? existing.events() : events,
                request.description() == null ? existing.description() : request.description(),
                request.enabled() == null ? existing.enabled() : request.enabled());
        ctx.json(Envelope.ok(WebhookViews.of(done(manage.update(id, settings), errors), false)));
    }

    private void delete(Context ctx, Caller caller) {
        var id = webhookId(ctx);
        if (!manage.delete(id)) {
            throw notFound();
        }
        ctx.json(Envelope.ok(new Deleted(id.toString(), true)));
    }

    private void rotate(Context ctx, Caller caller) {
        var rotated = done(manage.rotateSecret(webhookId(ctx)), new FieldErrors());
        ctx.json(Envelope.ok(WebhookViews.of(rotated, true)));
    }

    private void deliveries(Context ctx, Caller caller) {
        var id = webhookId(ctx);
        var errors = new FieldErrors();
        var status = status(param(ctx, "status"), errors);
        int limit = limit(param(ctx, "limit"), errors);
        var cursor = param(ctx, "cursor");
        var after = cursor == null ? null : Fields.uuid(cursor, "cursor", errors);
        errors.throwIfAny();
        var page = inspect.page(id, status, limit, after).orElseThrow(AdminWebhookRoutes::notFound);
        var items = page.stream().limit(limit).map(WebhookViews::of).toList();
        String next = page.size() > limit ? items.getLast().deliveryId() : null;
        ctx.json(Envelope.ok(new WebhookViews.Page<>(items, next)));
    }

    private void redeliver(Context ctx, Caller caller) {
        var id = webhookId(ctx);
        var delivery = parseId(ctx.pathParam("delivery_id"));
        if (delivery == null || !inspect.redeliver(id, delivery)) {
            throw ApiException.of(ErrorCode.NOT_FOUND, "No such delivery of this webhook");
        }
        ctx.status(HttpStatus.ACCEPTED).json(Envelope.ok(new Redelivery(delivery.toString(), "pending")));
    }

    private static WebhookSubscription done(ManageWebhooks.Result result, FieldErrors errors) {
        return switch (result) {
            case ManageWebhooks.Result.Done done -> done.subscription();
            case ManageWebhooks.Result.NotFound notFound -> throw notFound();
            case ManageWebhooks.Result.Refused refused -> {
                errors.add("url", FieldCode.INVALID_FORMAT, refused.invalid().reason());
                errors.throwIfAny();
                throw new IllegalStateException("unreachable");
            }
        };
    }

    private static DeliveryStatus status(String text, FieldErrors errors) {
        if (text == null) {
            return null;
        }
        var status = DeliveryStatus.fromCode(text);
        if (status.isEmpty()) {
            errors.add("status", FieldCode.INVALID_FORMAT, "must be one of pending, succeeded, failed");
        }
        return status.orElse(null);
    }

    private static int limit(String text, FieldErrors errors) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= InspectDeliveries.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // noted below
        }
        errors.add(
                "limit", FieldCode.INVALID_FORMAT, "must be a whole number from 1 to " + InspectDeliveries.MAX_LIMIT);
        return DEFAULT_LIMIT;
    }

    private static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static UUID webhookId(Context ctx) {
        var id = parseId(ctx.pathParam("webhook_id"));
        if (id == null) {
            throw notFound();
        }
        return id;
    }

    private static UUID parseId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ApiException notFound() {
        return ApiException.of(ErrorCode.NOT_FOUND, "No webhook with that id");
    }
}
