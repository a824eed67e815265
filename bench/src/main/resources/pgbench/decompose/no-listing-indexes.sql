-- no-listing-indexes: the three keyset-listing indexes go (a doctor's, a patient's, everyone's appointments by time).
DROP INDEX appointments_by_time, appointments_doctor_by_time, appointments_patient_by_time;
