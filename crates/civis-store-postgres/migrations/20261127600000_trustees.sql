-- Trustees of processes with secret ballots: the threshold and the election
-- public key (once every trustee dealt); each trustee's index, account and what
-- they handed in (personal HPKE public key, dealing, share revealed after the
-- close). Their personal secret keys are never here. The published ballot
-- record's files, stored once at the close.
CREATE TABLE ballot_trustee_boards (
    process_id   BIGINT PRIMARY KEY REFERENCES pb_processes (id),
    threshold    BIGINT NOT NULL CHECK (threshold >= 1),
    election_key BYTEA
);

CREATE TABLE ballot_trustees (
    process_id BIGINT NOT NULL REFERENCES ballot_trustee_boards (process_id),
    idx        BIGINT NOT NULL CHECK (idx >= 1),
    user_id    BIGINT NOT NULL REFERENCES users (id),
    public_key BYTEA,
    dealing    BYTEA,
    share      BYTEA,
    PRIMARY KEY (process_id, idx),
    UNIQUE (process_id, user_id)
);

CREATE TABLE ballot_records (
    process_id BIGINT NOT NULL REFERENCES pb_processes (id),
    name       TEXT   NOT NULL,
    body       BYTEA  NOT NULL,
    PRIMARY KEY (process_id, name)
);

CREATE FUNCTION ballot_records_never_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a published record never changes (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER ballot_records_no_change BEFORE UPDATE OR DELETE ON ballot_records
FOR EACH ROW EXECUTE FUNCTION ballot_records_never_change();
