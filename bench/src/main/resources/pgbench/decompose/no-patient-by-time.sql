-- no-patient-by-time: only a patient's listing index goes.
DROP INDEX appointments_patient_by_time;
