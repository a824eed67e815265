-- The floor: one booking as cheaply as PostgreSQL can keep its promises. One statement, one round trip in
-- autocommit (its own transaction and commit): nextval inline and the insert guarded by both exclusion constraints.
-- Slots as in booking-transaction.sql: client c books doctors c*8 .. c*8+7 in turn, slot index base + n/8, one of
-- the doctor's 20 patients, so no exclusion violation is expected; pgbench counts any failure.
-- Ids lead with the counter: btree_gist places a uuid by its first bytes, and ids that share them crowd one
-- subtree of the exclusion constraints' indexes (90-120 buffers per lookup instead of 2); the app's ids are random.
\set n :n + 1
\set doctor :client_id * 8 + :n % 8
\set slot :base + :n / 8
\set patient :doctor * 20 + :slot % 20
INSERT INTO floor_appointments (number, doctor_id, patient_id, during)
VALUES (nextval('floor_number_seq'),
        CAST(lpad(to_hex(CAST(:doctor AS bigint)), 8, '0') || '-0000-4000-8000-000000000000' AS uuid),
        CAST(lpad(to_hex(CAST(:patient AS bigint)), 8, '0') || '-0000-4000-9000-000000000000' AS uuid),
        tstzrange(CAST('{{FIRST_SLOT}}' AS timestamptz) + CAST(:slot AS bigint) * interval '30 minutes',
                  CAST('{{FIRST_SLOT}}' AS timestamptz) + CAST(:slot AS bigint) * interval '30 minutes'
                      + interval '30 minutes'));
