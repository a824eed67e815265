package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.webhook.WebhookEventType;
import com.cureka.appointments.application.port.webhook.WebhookSubscription;
import com.cureka.appointments.application.port.webhook.WebhookSubscriptions;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import static com.cureka.appointments.adapters.postgres.Timestamps.utc;

/** {@link WebhookSubscriptions} in PostgreSQL ({@code webhook_subscriptions}), shared by every instance. */
public final class PostgresWebhookSubscriptions implements WebhookSubscriptions {
    private static final RowMapper<WebhookSubscription> ROW = PostgresWebhookSubscriptions::map;

    private final Jdbi jdbi;

    public PostgresWebhookSubscriptions(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void add(WebhookSubscription s) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO webhook_subscriptions (id, url, events, description, enabled, secret,
                            previous_secret, previous_secret_until, created_at, failing_since)
                        VALUES (:id, :url, :events, :description, :enabled, :secret, NULL, NULL, :createdAt, NULL)
                        ON CONFLICT (id) DO NOTHING
                        """)
                .bind("id", s.id())
                .bind("url", s.url().toString())
                .bind("events", codes(s))
                .bind("description", s.description())
                .bind("enabled", s.enabled())
                .bind("secret", s.secret())
                .bind("createdAt", utc(s.createdAt()))
                .execute());
    }

    @Override
    public Optional<WebhookSubscription> byId(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM webhook_subscriptions WHERE id = :id")
                .bind("id", id)
                .map(ROW)
                .findOne());
    }

    @Override
    public List<WebhookSubscription> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM webhook_subscriptions ORDER BY created_at, id")
                .map(ROW)
                .list());
    }

    @Override
    public List<WebhookSubscription> enabledFor(WebhookEventType type) {
        return jdbi.withHandle(
                h -> h.createQuery("""
                        SELECT * FROM webhook_subscriptions WHERE enabled AND :type = ANY (events)
                        ORDER BY created_at, id
                        """).bind("type", type.code()).map(ROW).list());
    }

    @Override
    public boolean update(WebhookSubscription s) {
        return jdbi.withHandle(h -> h.createUpdate("""
                                UPDATE webhook_subscriptions
                                   SET url = :url, events = :events, description = :description, enabled = :enabled,
                                       failing_since = CASE WHEN :enabled AND NOT enabled THEN NULL
                                                            ELSE failing_since END
                                 WHERE id = :id
                                """)
                        .bind("id", s.id())
                        .bind("url", s.url().toString())
                        .bind("events", codes(s))
                        .bind("description", s.description())
                        .bind("enabled", s.enabled())
                        .execute()
                == 1);
    }

    @Override
    public boolean rotateSecret(UUID id, String newSecret, Instant previousUntil) {
        return jdbi.withHandle(h -> h.createUpdate("""
                                UPDATE webhook_subscriptions
                                   SET previous_secret = secret, previous_secret_until = :until, secret = :secret
                                 WHERE id = :id
                                """)
                        .bind("id", id)
                        .bind("secret", newSecret)
                        .bind("until", utc(previousUntil))
                        .execute()
                == 1);
    }

    @Override
    public boolean delete(UUID id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM webhook_subscriptions WHERE id = :id")
                        .bind("id", id)
                        .execute()
                == 1);
    }

    @Override
    public Optional<Instant> failedAt(UUID id, Instant at) {
        return jdbi.withHandle(h -> h.createQuery("""
                        UPDATE webhook_subscriptions SET failing_since = COALESCE(failing_since, :at)
                         WHERE id = :id RETURNING failing_since
                        """)
                .bind("id", id)
                .bind("at", utc(at))
                .mapTo(OffsetDateTime.class)
                .findOne()
                .map(OffsetDateTime::toInstant));
    }

    @Override
    public void succeeded(UUID id) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE webhook_subscriptions SET failing_since = NULL WHERE id = :id AND failing_since IS NOT NULL")
                .bind("id", id)
                .execute());
    }

    @Override
    public boolean disable(UUID id) {
        return jdbi.withHandle(
                h -> h.createUpdate("UPDATE webhook_subscriptions SET enabled = false WHERE id = :id AND enabled")
                                .bind("id", id)
                                .execute()
                        == 1);
    }

    @Override
    public long countDisabled() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM webhook_subscriptions WHERE NOT enabled")
                .mapTo(Long.class)
                .one());
    }

    private static String[] codes(WebhookSubscription s) {
        return s.events().stream().map(WebhookEventType::code).sorted().toArray(String[]::new);
    }

    private static WebhookSubscription map(ResultSet rs, StatementContext ctx) throws SQLException {
        Array array = rs.getArray("events");
        var events = EnumSet.noneOf(WebhookEventType.class);
        Arrays.stream((String[]) array.getArray())
                .forEach(code -> WebhookEventType.fromCode(code).ifPresent(events::add));
        return new WebhookSubscription(
                rs.getObject("id", UUID.class),
                URI.create(rs.getString("url")),
                events,
                rs.getString("description"),
                rs.getBoolean("enabled"),
                rs.getString("secret"),
                rs.getString("previous_secret"),
                optionalInstant(rs, "previous_secret_until"),
                Timestamps.instant(rs, "created_at"),
                optionalInstant(rs, "failing_since"));
    }

    static Instant optionalInstant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
