-- no-outbox-extra-indexes: the outbox keeps its primary key and its two partial indexes (outbox_due, the
-- dispatcher's claim; outbox_finished, the purge, which a booking's PENDING rows do not enter); the index of an
-- appointment's messages and the UNIQUE (event_id, consumer) go.
DROP INDEX outbox_by_number;
ALTER TABLE outbox DROP CONSTRAINT outbox_event_id_consumer_key;
