-- no-generated-cols: appointments without number_day and number_seq (the number's day and sequence, stored so that
-- pages sort AID-20251123-10000 after AID-20251123-9999). Dropping the columns drops the three listing indexes that
-- end on them; they are built again ending on the number itself, so that only the two stored columns (and the
-- split_part work on every insert) go, not the listings' indexes.
ALTER TABLE appointments DROP COLUMN number_day, DROP COLUMN number_seq;
CREATE INDEX appointments_doctor_by_time  ON appointments (doctor_id, starts_at, number);
CREATE INDEX appointments_patient_by_time ON appointments (patient_id, starts_at, number);
CREATE INDEX appointments_by_time         ON appointments (starts_at, number);
