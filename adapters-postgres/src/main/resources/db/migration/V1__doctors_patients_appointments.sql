-- Doctors, patients and their appointments. The invariants that must hold across threads, processes and app
-- instances live here as constraints, not in the code: a doctor and a patient each hold a span of time at most once.

-- btree_gist lets one GiST index combine equality on a uuid with overlap of a time range.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE doctors (
    id                    uuid        PRIMARY KEY,
    name                  text        NOT NULL,
    specialty             text,
    email                 text,
    time_zone             text        NOT NULL,
    -- {"monday": [{"start": "09:00", "end": "13:00"}, ...], ...}, wall-clock times in time_zone
    working_hours         jsonb       NOT NULL,
    slot_interval_minutes integer     NOT NULL CHECK (slot_interval_minutes BETWEEN 5 AND 240),
    -- [{"from": "2025-12-01T03:30:00Z", "to": "2025-12-05T12:30:00Z", "reason": "..."}, ...]
    time_off              jsonb       NOT NULL DEFAULT '[]',
    calendar_username     text,
    -- {"consultation": "1234", ...}; NULL when the doctor has no external calendar account
    calendar_event_types  jsonb,
    active                boolean     NOT NULL DEFAULT true,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE patients (
    id         uuid        PRIMARY KEY,
    name       text,
    email      text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE appointments (
    number              text        PRIMARY KEY
                                    CONSTRAINT appointments_number_format CHECK (number ~ '^[A-Z][A-Z0-9]{0,9}-[0-9]{8}-[0-9]{4,18}$'),
    -- The number's day and sequence, so that pages sort AID-20251123-10000 after AID-20251123-9999.
    number_day          text        GENERATED ALWAYS AS (split_part(number, '-', 2)) STORED,
    number_seq          bigint      GENERATED ALWAYS AS (split_part(number, '-', 3)::bigint) STORED,
    doctor_id           uuid        NOT NULL REFERENCES doctors (id),
    patient_id          uuid        NOT NULL REFERENCES patients (id),
    appointment_type    text        NOT NULL,
    starts_at           timestamptz NOT NULL,
    ends_at             timestamptz NOT NULL,
    status              text        NOT NULL
                                    CONSTRAINT appointments_status_known
                                    CHECK (status IN ('PENDING', 'SCHEDULED', 'CANCELLED', 'COMPLETED', 'NO_SHOW')),
    notes               text        CHECK (char_length(notes) <= 500),
    calendar_booking_id text,
    video_url           text,
    calendar_event_url  text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    CONSTRAINT appointments_start_before_end CHECK (starts_at < ends_at),
    -- No double booking: a doctor's PENDING and SCHEDULED appointments never overlap ([) so back-to-back is fine).
    CONSTRAINT appointments_doctor_no_overlap
        EXCLUDE USING gist (doctor_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
        WHERE (status IN ('PENDING', 'SCHEDULED')),
    -- Nor does a patient's.
    CONSTRAINT appointments_patient_no_overlap
        EXCLUDE USING gist (patient_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
        WHERE (status IN ('PENDING', 'SCHEDULED'))
);

-- The two exclusion constraints' GiST indexes also answer "who holds this doctor's / patient's time" and the
-- per-patient count of upcoming holds. These serve the rest:

-- A doctor's or a patient's appointments by time, page after page.
CREATE INDEX appointments_doctor_by_time  ON appointments (doctor_id, starts_at, number_day, number_seq);
CREATE INDEX appointments_patient_by_time ON appointments (patient_id, starts_at, number_day, number_seq);
-- Everyone's appointments by time, page after page (administrators).
CREATE INDEX appointments_by_time ON appointments (starts_at, number_day, number_seq);
-- Holds that the calendar never confirmed, for the reconcile job; few rows at any time.
CREATE INDEX appointments_pending_by_created ON appointments (created_at) WHERE status = 'PENDING';
