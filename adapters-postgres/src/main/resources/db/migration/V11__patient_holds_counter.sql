-- Every booking bumps its patient's counter in the statement that inserts it (Holds). A booking written in one
-- statement counts the patient's upcoming appointments in a snapshot taken before its locks were granted; its bump,
-- an UPDATE re-checked against the newest row version, matches no row when another booking of the patient committed
-- after that snapshot, and the booking is then written again in a transaction. Existing rows start at 0.
ALTER TABLE patients ADD COLUMN holds bigint NOT NULL DEFAULT 0;
