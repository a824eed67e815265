-- no-by-time: only everyone's listing index (administrators; also the reminders' due() window) goes.
DROP INDEX appointments_by_time;
