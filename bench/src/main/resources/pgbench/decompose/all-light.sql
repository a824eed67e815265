-- all-light: every schema item measured here as droppable, at once: the generated columns, the number's CHECK, the
-- three foreign keys, the three listing indexes and the outbox's two extra indexes. The booking statement and the
-- audit line and outbox rows stay (those are not options). The ceiling of what lightening the schema can buy.
ALTER TABLE appointments DROP CONSTRAINT appointments_number_format;
ALTER TABLE appointments DROP CONSTRAINT appointments_doctor_id_fkey;
ALTER TABLE appointments DROP CONSTRAINT appointments_patient_id_fkey;
ALTER TABLE appointment_history DROP CONSTRAINT appointment_history_number_fkey;
-- drops appointments_by_time, appointments_doctor_by_time and appointments_patient_by_time with them
ALTER TABLE appointments DROP COLUMN number_day, DROP COLUMN number_seq;
DROP INDEX outbox_by_number;
ALTER TABLE outbox DROP CONSTRAINT outbox_event_id_consumer_key;
