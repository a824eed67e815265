-- Webhook deliveries already applied (PostgresCalendarEventLog): a redelivered body has the same hash and is applied
-- once only. Kept for a while by the purge job; a calendar does not redeliver days later.

CREATE TABLE calendar_webhook_deliveries (
    hash        text        PRIMARY KEY,
    event_type  text        NOT NULL,
    received_at timestamptz NOT NULL
);

CREATE INDEX calendar_webhook_deliveries_by_received ON calendar_webhook_deliveries (received_at);
