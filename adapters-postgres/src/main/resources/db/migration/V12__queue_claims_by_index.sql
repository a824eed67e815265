-- The two queue claims (webhook deliveries, outbox) walk what is due in their ORDER BY and stop at their LIMIT,
-- whatever the planner believes about the table. Found in the benchmark: a claim planned while the table was empty
-- sorted every due row and compared each with every pending one, and with 35,000 deliveries waiting four workers
-- spent minutes of CPU per claim while nothing was sent (docs/webhooks.md, "Claims and the planner").

-- Ordered as the claims are, so that a claim reads its LIMIT of rows in index order and stops.
DROP INDEX webhook_deliveries_due;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, seq) WHERE status = 'pending';

DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (due_at, id) WHERE status = 'PENDING';

-- Queue tables swing from empty to a backlog in seconds: analyse them every thousand changed rows, not at 10 % of
-- a table that keeps a month of finished rows.
ALTER TABLE webhook_deliveries SET (autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000);
ALTER TABLE outbox SET (autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000);
