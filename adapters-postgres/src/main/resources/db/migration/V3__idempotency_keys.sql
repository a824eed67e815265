-- Idempotency-Key of the routes that change something (PostgresIdempotencyStore): per caller and route (scope) and
-- key, the hash of the first request and, once it is done, its final response. A row without a response is a claim in
-- progress. Rows older than the retention (24 h) count as absent and are purged by the purge job.

CREATE TABLE idempotency_keys (
    scope           text        NOT NULL,
    key             text        NOT NULL,
    request_hash    text        NOT NULL,
    -- NULL while the first request is being carried out
    response_status integer     CHECK (response_status BETWEEN 100 AND 599),
    response_body   text,
    location        text,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (scope, key),
    CONSTRAINT idempotency_keys_response_whole CHECK (response_status IS NOT NULL OR (response_body IS NULL AND location IS NULL))
);

-- The purge job deletes by age.
CREATE INDEX idempotency_keys_by_created ON idempotency_keys (created_at);
