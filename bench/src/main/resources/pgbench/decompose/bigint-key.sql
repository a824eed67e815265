-- bigint-key: a bigint identity primary key; the number stays as a UNIQUE text column (with its CHECK, and with
-- number_day/number_seq), and the foreign keys of appointment_history and appointment_reminders point at it
-- through that unique index. The app's statements are unchanged (none names the new id).
ALTER TABLE appointment_history DROP CONSTRAINT appointment_history_number_fkey;
ALTER TABLE appointment_reminders DROP CONSTRAINT appointment_reminders_number_fkey;
ALTER TABLE appointments DROP CONSTRAINT appointments_pkey;
ALTER TABLE appointments ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
ALTER TABLE appointments ADD CONSTRAINT appointments_number_key UNIQUE (number);
ALTER TABLE appointment_history ADD CONSTRAINT appointment_history_number_fkey
    FOREIGN KEY (number) REFERENCES appointments (number) ON DELETE CASCADE;
ALTER TABLE appointment_reminders ADD CONSTRAINT appointment_reminders_number_fkey
    FOREIGN KEY (number) REFERENCES appointments (number) ON DELETE CASCADE;
