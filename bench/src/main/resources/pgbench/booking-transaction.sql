-- One booking as the app issues it with the built-in calendar (BookAppointment.bookAtOnce) for a patient it knows:
-- PostgresAppointmentNumbers.next, then JdbiAppointments.hold in one autocommit statement (Holds.atOnce: the
-- booking locks, the patient's holds counter, the appointment insert guarded by the per-patient cap and the
-- doctor's being active, its two outbox rows and the BOOKED line of the audit trail). The patients are registered
-- before the run (PgBench), as the app registers a patient on their first booking.
-- Same statements, same tables, constraints, indexes and trigger, same number allocation (the day's sequence).
-- Keep in step with JdbiAppointments and PostgresAppointmentNumbers when they change.
--
-- Distinct slots without collisions: client c books doctors c*8 .. c*8+7 in turn (n is its own counter, kept
-- across its transactions), slot index base + n/8 on a 30-minute grid; the patient is one of the doctor's 20, so
-- a patient never holds two overlapping times either. No 23P01 is expected; pgbench counts any failure.
-- Ids lead with the counter: btree_gist places a uuid by its first bytes, and ids that share them crowd one
-- subtree of the exclusion constraints' indexes (90-120 buffers per lookup instead of 2); the app's ids are random.
\set n :n + 1
\set doctor :client_id * 8 + :n % 8
\set slot :base + :n / 8
\set patient :doctor * 20 + :slot % 20
{{DOCTOR_LOOKUP}}
SELECT nextval(CAST('{{SEQUENCE}}' AS regclass)) AS seq \gset
WITH locked AS MATERIALIZED (
    SELECT pg_advisory_xact_lock(2, hashtext(CAST(CAST(lpad(to_hex(CAST(:patient AS bigint)), 8, '0') || '-0000-4000-8000-000000000000' AS uuid) AS text))) AS patient_lock,
           pg_advisory_xact_lock(1, hashtext(CAST(CAST(lpad(to_hex(CAST(:doctor AS bigint)), 8, '0') || '-0000-4000-8000-000000000000' AS uuid) AS text))) AS doctor_lock
), bumped AS (
    UPDATE patients p
       SET holds = p.holds + 1
      FROM locked
     WHERE p.id = CAST(lpad(to_hex(CAST(:patient AS bigint)), 8, '0') || '-0000-4000-8000-000000000000' AS uuid)
       AND p.holds = (SELECT holds FROM patients WHERE id = CAST(lpad(to_hex(CAST(:patient AS bigint)), 8, '0') || '-0000-4000-8000-000000000000' AS uuid))
       AND p.name = 'Bench patient ' || :patient
    RETURNING p.name, p.email
), booked AS (
    INSERT INTO appointments (number, doctor_id, patient_id, appointment_type, starts_at, ends_at, status, notes,
                              calendar_booking_id, video_url, calendar_event_url, created_at, updated_at)
    SELECT '{{PREFIX}}-{{DAY}}-' || lpad(CAST(:seq AS text), greatest(4, length(CAST(:seq AS text))), '0'),
           CAST(lpad(to_hex(CAST(:doctor AS bigint)), 8, '0') || '-0000-4000-8000-000000000000' AS uuid), CAST(lpad(to_hex(CAST(:patient AS bigint)), 8, '0') || '-0000-4000-8000-000000000000' AS uuid), 'CONSULTATION',
           CAST('{{FIRST_SLOT}}' AS timestamptz) + CAST(:slot AS bigint) * interval '30 minutes',
           CAST('{{FIRST_SLOT}}' AS timestamptz) + CAST(:slot AS bigint) * interval '30 minutes' + interval '30 minutes',
           'SCHEDULED', NULL, NULL,
           'https://meet.jit.si/cureka-' || md5(CAST(:seq AS text)), NULL, now(), now()
      FROM bumped
     WHERE (SELECT count(*)
              FROM appointments
             WHERE patient_id = CAST(lpad(to_hex(CAST(:patient AS bigint)), 8, '0') || '-0000-4000-8000-000000000000' AS uuid)
               AND status IN ('PENDING', 'SCHEDULED')
               AND ends_at > now()) < {{CAP}}
       AND EXISTS (SELECT 1 FROM doctors WHERE id = CAST(lpad(to_hex(CAST(:doctor AS bigint)), 8, '0') || '-0000-4000-8000-000000000000' AS uuid) AND active)
    RETURNING number, status, starts_at, ends_at
), event AS (
    INSERT INTO outbox (event_id, consumer, event_type, number, occurred_at, payload, due_at, created_at)
    SELECT gen_random_uuid(), c, 'appointment.booked', number, now(),
           CAST('{"number": "' || number || '", "status": "SCHEDULED"}' AS jsonb), now(), now()
      FROM booked, unnest(CAST('{notifications,webhooks}' AS text[])) AS c
), history AS (
    INSERT INTO appointment_history (number, at, actor, action, to_status, to_starts_at, to_ends_at)
    SELECT number, now(), 'patient-bench', 'BOOKED', status, starts_at, ends_at FROM booked
    RETURNING 1
)
SELECT bumped.name, bumped.email, (SELECT count(*) FROM history) AS booked FROM bumped;
{{AFTER}}
