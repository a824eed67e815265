-- no-fks: the three foreign keys a booking checks: appointments -> doctors, appointments -> patients,
-- appointment_history -> appointments (ON DELETE CASCADE). appointment_reminders -> appointments stays: a booking
-- writes no reminder.
ALTER TABLE appointments DROP CONSTRAINT appointments_doctor_id_fkey;
ALTER TABLE appointments DROP CONSTRAINT appointments_patient_id_fkey;
ALTER TABLE appointment_history DROP CONSTRAINT appointment_history_number_fkey;
