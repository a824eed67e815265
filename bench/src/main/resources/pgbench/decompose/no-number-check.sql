-- no-number-check: the text primary key stays; its regex CHECK goes.
ALTER TABLE appointments DROP CONSTRAINT appointments_number_format;
