-- Reminders are claimed per offset before the start (REMINDER_OFFSETS, e.g. PT24H and PT2H): each goes out once.
-- A claim of before V10 was one reminder per appointment, whatever the offset: it counts for every offset ('*').

ALTER TABLE appointment_reminders ADD COLUMN offset_name text NOT NULL DEFAULT '*';
ALTER TABLE appointment_reminders DROP CONSTRAINT appointment_reminders_pkey;
ALTER TABLE appointment_reminders ADD PRIMARY KEY (number, offset_name);
ALTER TABLE appointment_reminders ALTER COLUMN offset_name DROP DEFAULT;
