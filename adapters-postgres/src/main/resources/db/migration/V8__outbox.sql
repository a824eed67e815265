-- The transactional outbox (PostgresOutbox): one row per event and consumer, inserted in the transaction of the
-- appointment change it stands for, so that a change that rolls back leaves none and a committed one always has it.
-- No foreign key to appointments: an event outlives nothing it needs, and its row must survive purges of holds.
--
-- status: PENDING until the consumer took it (SENT or SKIPPED) or it was given up (FAILED). A PENDING row is due at
-- due_at; a claim moves due_at one lease ahead, so a row claimed by an instance that died becomes due again.

CREATE TABLE outbox (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     uuid        NOT NULL,
    consumer     text        NOT NULL,
    event_type   text        NOT NULL,
    number       text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    payload      jsonb       NOT NULL,
    status       text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'SKIPPED', 'FAILED')),
    due_at       timestamptz NOT NULL,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text,
    recipient    text,
    created_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    UNIQUE (event_id, consumer)
);

-- The dispatcher's claim: due rows, oldest first.
CREATE INDEX outbox_due ON outbox (due_at) WHERE status = 'PENDING';
-- An appointment's messages (admin listing, history).
CREATE INDEX outbox_by_number ON outbox (number, id);
-- The purge.
CREATE INDEX outbox_finished ON outbox (finished_at) WHERE finished_at IS NOT NULL;
