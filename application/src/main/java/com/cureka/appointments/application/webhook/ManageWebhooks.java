package com.cureka.appointments.application.webhook;

import com.cureka.appointments.application.port.webhook.DestinationGuard;
import com.cureka.appointments.application.port.webhook.WebhookEventType;
import com.cureka.appointments.application.port.webhook.WebhookSubscription;
import com.cureka.appointments.application.port.webhook.WebhookSubscriptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Administrators create, change, rotate and delete webhook subscribers. */
public final class ManageWebhooks {
    /** How long the old secret still signs after a rotation, so that receivers can roll over. */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    public static final int MAX_URL_LENGTH = 2048;
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    private final WebhookSubscriptions subscriptions;
    private final DestinationGuard guard;
    private final Clock clock;

    public ManageWebhooks(WebhookSubscriptions subscriptions, DestinationGuard guard, Clock clock) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What an administrator asks for; {@code events} null means every event. */
    public record Settings(String url, Set<WebhookEventType> events, String description, boolean enabled) {}

    /** The URL refused (not http(s), too long, or an address the guard refuses), with why. */
    public record InvalidUrl(String reason) {}

    public sealed interface Result {
        record Done(WebhookSubscription subscription) implements Result {}

        record Refused(InvalidUrl invalid) implements Result {}

        record NotFound() implements Result {}
    }

    public Result create(Settings settings) {
        var url = checkedUrl(settings.url());
        if (url instanceof Checked.Bad bad) {
            return new Result.Refused(bad.invalid());
        }
        var subscription = new WebhookSubscription(
                UUID.randomUUID(),
                ((Checked.Good) url).uri(),
                events(settings.events()),
                settings.description(),
                true,
                WebhookSecrets.generate(),
                null,
                null,
                clock.instant(),
                null);
        subscriptions.add(subscription);
        return new Result.Done(subscription);
    }

    public List<WebhookSubscription> list() {
        return subscriptions.all();
    }

    public Optional<WebhookSubscription> get(UUID id) {
        return subscriptions.byId(id);
    }

    public Result update(UUID id, Settings settings) {
        var existing = subscriptions.byId(id);
        if (existing.isEmpty()) {
            return new Result.NotFound();
        }
        var url = checkedUrl(settings.url());
        if (url instanceof Checked.Bad bad) {
            return new Result.Refused(bad.invalid());
        }
        var changed = existing.get()
                .withSettings(
                        ((Checked.Good) url).uri(),
                        events(settings.events()),
                        settings.description(),
                        settings.enabled());
        if (!subscriptions.update(changed)) {
            return new Result.NotFound();
        }
        return new Result.Done(subscriptions.byId(id).orElse(changed));
    }

    /** A new secret; the old one keeps signing beside it for {@link #ROTATION_OVERLAP}. */
    public Result rotateSecret(UUID id) {
        var secret = WebhookSecrets.generate();
        if (!subscriptions.rotateSecret(id, secret, clock.instant().plus(ROTATION_OVERLAP))) {
            return new Result.NotFound();
        }
        return subscriptions.byId(id).<Result>map(Result.Done::new).orElse(new Result.NotFound());
    }

    public boolean delete(UUID id) {
        return subscriptions.delete(id);
    }

    private static Set<WebhookEventType> events(Set<WebhookEventType> chosen) {
        return chosen == null || chosen.isEmpty() ? EnumSet.allOf(WebhookEventType.class) : chosen;
    }

    private sealed interface Checked {
        record Good(URI uri) implements Checked {}

        record Bad(InvalidUrl invalid) implements Checked {}
    }

    private Checked checkedUrl(String text) {
        if (text == null || text.isBlank()) {
            return new Checked.Bad(new InvalidUrl("is required"));
        }
        if (text.length() > MAX_URL_LENGTH) {
            return new Checked.Bad(new InvalidUrl("must be at most " + MAX_URL_LENGTH + " characters"));
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            return new Checked.Bad(new InvalidUrl("must be an http:// or https:// URL"));
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null) {
            return new Checked.Bad(new InvalidUrl("must be an http:// or https:// URL with a host"));
        }
        var refusal = guard.refusal(uri);
        if (refusal.isPresent()) {
            return new Checked.Bad(new InvalidUrl(refusal.get()));
        }
        return new Checked.Good(uri);
    }
}
