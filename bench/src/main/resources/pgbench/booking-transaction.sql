-- One booking as the app issues it with the built-in calendar (BookAppointment.bookAtOnce):
-- PostgresAppointmentNumbers.next, then JdbiAppointments.hold in one transaction (patient upsert that locks
-- the patient's row, then one statement: the appointment insert guarded by the per-patient cap and the doctor's
-- being active, with the BOOKED line of the audit trail in the same statement).
-- Same statements, same tables, constraints, indexes and trigger, same number allocation (the day's sequence).
-- Keep in step with JdbiAppointments and PostgresAppointmentNumbers when they change.
--
-- Distinct slots without collisions: client c books doctors c*8 .. c*8+7 in turn (n is its own counter, kept
-- across its transactions), slot index base + n/8 on a 30-minute grid; the patient is one of the doctor's 20, so
-- a patient never holds two overlapping times either. No 23P01 is expected; pgbench counts any failure.
\set n :n + 1
\set doctor :client_id * 8 + :n % 8
\set slot :base + :n / 8
\set patient :doctor * 20 + :slot % 20
{{DOCTOR_LOOKUP}}
SELECT nextval(CAST('{{SEQUENCE}}' AS regclass)) AS seq \gset
\startpipeline
BEGIN;
INSERT INTO patients (id, name, email, created_at, updated_at)
VALUES (CAST('00000000-0000-4000-8000-' || lpad(to_hex(CAST(:patient AS bigint)), 12, '0') AS uuid),
        'Bench patient ' || :patient, NULL, now(), now())
ON CONFLICT (id) DO UPDATE
   SET name = COALESCE(EXCLUDED.name, patients.name),
       email = COALESCE(EXCLUDED.email, patients.email),
       updated_at = EXCLUDED.updated_at
RETURNING id, name, email;
\endpipeline
WITH booked AS (
INSERT INTO appointments (number, doctor_id, patient_id, appointment_type, starts_at, ends_at, status, notes,
                          calendar_booking_id, video_url, calendar_event_url, created_at, updated_at)
SELECT '{{PREFIX}}-{{DAY}}-' || lpad(CAST(:seq AS text), greatest(4, length(CAST(:seq AS text))), '0'),
       CAST('00000000-0000-4000-8000-' || lpad(to_hex(CAST(:doctor AS bigint)), 12, '0') AS uuid),
       CAST('00000000-0000-4000-8000-' || lpad(to_hex(CAST(:patient AS bigint)), 12, '0') AS uuid),
       'CONSULTATION',
       CAST('{{FIRST_SLOT}}' AS timestamptz) + CAST(:slot AS bigint) * interval '30 minutes',
       CAST('{{FIRST_SLOT}}' AS timestamptz) + CAST(:slot AS bigint) * interval '30 minutes' + interval '30 minutes',
       'SCHEDULED', NULL, NULL,
       'https://meet.jit.si/cureka-' || md5(CAST(:seq AS text)), NULL, now(), now()
 WHERE (SELECT count(*)
          FROM appointments
         WHERE patient_id = CAST('00000000-0000-4000-8000-' || lpad(to_hex(CAST(:patient AS bigint)), 12, '0') AS uuid)
           AND status IN ('PENDING', 'SCHEDULED')
           AND ends_at > now()) < {{CAP}}
   AND EXISTS (SELECT 1 FROM doctors
                WHERE id = CAST('00000000-0000-4000-8000-' || lpad(to_hex(CAST(:doctor AS bigint)), 12, '0') AS uuid)
                  AND active)
RETURNING number, status, starts_at, ends_at
)
INSERT INTO appointment_history (number, at, actor, action, to_status, to_starts_at, to_ends_at)
SELECT number, now(), 'patient-bench', 'BOOKED', status, starts_at, ends_at FROM booked;
COMMIT;
{{AFTER}}
