-- Outbound webhooks (API.md, "Outbound webhooks"). V8 is left free for the transactional outbox (issue 11).

CREATE TABLE webhook_subscriptions (
    id                    uuid PRIMARY KEY,
    url                   text        NOT NULL,
    events                text[]      NOT NULL,
    description           text,
    enabled               boolean     NOT NULL,
    -- Kept so that it can sign; not encrypted at rest (docs/webhooks.md says why and what to do).
    secret                text        NOT NULL,
    previous_secret       text,
    previous_secret_until timestamptz,
    created_at            timestamptz NOT NULL,
    -- The first failed attempt with no success after it: five days of it disable the subscriber.
    failing_since         timestamptz
);

CREATE TABLE webhook_deliveries (
    id                 uuid PRIMARY KEY,
    -- Enqueue order, the tie-break of occurred_at within one (subscriber, appointment) queue.
    seq                bigserial   NOT NULL UNIQUE,
    subscription_id    uuid        NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_id           uuid        NOT NULL,
    event_type         text        NOT NULL,
    appointment_number text        NOT NULL,
    body               text        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempts           integer     NOT NULL DEFAULT 0,
    last_status_code   integer,
    last_error         text,
    next_attempt_at    timestamptz NOT NULL,
    leased_until       timestamptz,
    occurred_at        timestamptz NOT NULL,
    created_at         timestamptz NOT NULL,
    -- The outbox may hand the same event twice: one delivery per (event, subscriber) whatever happens.
    UNIQUE (event_id, subscription_id)
);

-- The head of each queue, and what is due.
CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (subscription_id, appointment_number, occurred_at, seq)
    WHERE status = 'pending';
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_subscriber ON webhook_deliveries (subscription_id, seq DESC);
