-- The floor's schema: what PostgreSQL needs to keep the booking's two no-overlap promises and nothing else.
-- A sequence for the number, one table, the doctor and the patient exclusion constraints (btree_gist for the
-- uuid equality inside GiST); no other index, no foreign key, no trigger, no audit table.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE SEQUENCE floor_number_seq AS bigint;
CREATE TABLE floor_appointments (
    number     bigint      NOT NULL,
    doctor_id  uuid        NOT NULL,
    patient_id uuid        NOT NULL,
    during     tstzrange   NOT NULL,
    EXCLUDE USING gist (doctor_id WITH =, during WITH &&),
    EXCLUDE USING gist (patient_id WITH =, during WITH &&)
);
