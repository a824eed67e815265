-- The audit trail of every appointment: who did what, when, from which status and slot to which, and why.
-- Written in the same transaction as the change it records (JdbiAppointments), so a change that is refused or rolled
-- back leaves no line, and a change that commits always has one.
--
-- Append-only, enforced here rather than by convention: UPDATE is refused for everyone, DELETE is refused unless the
-- appointment itself is gone (the ON DELETE CASCADE of a discarded hold, which the patient never had). TRUNCATE is an
-- operator's tool and is left alone; so are the privileges: an operator who must make the trail tamper-proof against
-- the application's own database user runs the application as a role that does not own these objects.

CREATE TABLE appointment_history (
    id             bigserial   PRIMARY KEY,
    number         text        NOT NULL REFERENCES appointments (number) ON DELETE CASCADE,
    at             timestamptz NOT NULL,
    -- patient:<id>, doctor:<id>, admin:<id>, system:<job> or calendar:<event>
    actor          text        NOT NULL,
    -- BOOKED, CONFIRMED, RELEASED, CANCELLED, RESCHEDULED, COMPLETED, NO_SHOW (Change.Action); unchecked here, so
    -- that a new action needs no migration
    action         text        NOT NULL,
    -- NULL on the BOOKED line: there was nothing before it
    from_status    text        CONSTRAINT appointment_history_from_status_known
                               CHECK (from_status IN ('PENDING', 'SCHEDULED', 'CANCELLED', 'COMPLETED', 'NO_SHOW')),
    to_status      text        NOT NULL
                               CONSTRAINT appointment_history_to_status_known
                               CHECK (to_status IN ('PENDING', 'SCHEDULED', 'CANCELLED', 'COMPLETED', 'NO_SHOW')),
    from_starts_at timestamptz,
    from_ends_at   timestamptz,
    to_starts_at   timestamptz NOT NULL,
    to_ends_at     timestamptz NOT NULL,
    reason         text        CHECK (char_length(reason) <= 500),
    CONSTRAINT appointment_history_from_slot_whole CHECK ((from_starts_at IS NULL) = (from_ends_at IS NULL))
);

-- An appointment's trail, oldest first.
CREATE INDEX appointment_history_by_number ON appointment_history (number, id);

CREATE FUNCTION appointment_history_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    -- The cascade of a discarded appointment runs after the appointment's row is deleted: it no longer exists.
    IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM appointments WHERE number = OLD.number) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'appointment_history is append-only: % of the trail of % refused', TG_OP, OLD.number
        USING ERRCODE = 'integrity_constraint_violation',
              HINT = 'Append a new line instead; a trail goes only with its discarded appointment.';
END;
$$;

CREATE TRIGGER appointment_history_append_only
    BEFORE UPDATE OR DELETE ON appointment_history
    FOR EACH ROW EXECUTE FUNCTION appointment_history_append_only();
