-- Trustees of processes with secret ballots: the threshold and the election
-- public key (once every trustee dealt); each trustee's index, account and what
-- they handed in (personal HPKE public key, dealing, share revealed after the
-- close). Their personal secret keys are never here. The published ballot
-- record's files, stored once at the close.
CREATE TABLE ballot_trustee_boards (
    process_id   INTEGER PRIMARY KEY REFERENCES pb_processes (id),
    threshold    INTEGER NOT NULL CHECK (threshold >= 1),
    election_key BLOB
);

CREATE TABLE ballot_trustees (
    process_id INTEGER NOT NULL REFERENCES ballot_trustee_boards (process_id),
    idx        INTEGER NOT NULL CHECK (idx >= 1),
    user_id    INTEGER NOT NULL REFERENCES users (id),
    public_key BLOB,
    dealing    BLOB,
    share      BLOB,
    PRIMARY KEY (process_id, idx),
    UNIQUE (process_id, user_id)
);

CREATE TABLE ballot_records (
    process_id INTEGER NOT NULL REFERENCES pb_processes (id),
    name       TEXT    NOT NULL,
    body       BLOB    NOT NULL,
    PRIMARY KEY (process_id, name)
);

CREATE TRIGGER ballot_records_no_update BEFORE UPDATE ON ballot_records
BEGIN
    SELECT RAISE(ABORT, 'a published record never changes');
END;
CREATE TRIGGER ballot_records_no_delete BEFORE DELETE ON ballot_records
BEGIN
    SELECT RAISE(ABORT, 'a published record never changes');
END;
