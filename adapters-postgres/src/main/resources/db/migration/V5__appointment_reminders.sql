-- Reminders claimed (PostgresReminders): a row means a reminder of that appointment was sent or is being sent, by
-- whichever instance inserted it first. Goes with its appointment.

CREATE TABLE appointment_reminders (
    number     text        PRIMARY KEY REFERENCES appointments (number) ON DELETE CASCADE,
    claimed_at timestamptz NOT NULL
);

-- due() walks appointments_by_time (V1) over the window and looks each reminder row up by its primary key.
