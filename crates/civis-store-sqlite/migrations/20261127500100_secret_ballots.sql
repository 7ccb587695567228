-- Secret ballots. Each process's credential issuer key (RFC 9474 RSA, PKCS#8
-- DER: private); which residents obtained the process's credential (never which
-- credential: the issuer signs a blinded message); per credential token, the
-- last submission number in the process's ballot log (tlog_* with log
-- 'process/<id>'). Nothing here links an account to a token.
CREATE TABLE ballot_issuers (
    process_id INTEGER PRIMARY KEY REFERENCES pb_processes (id),
    secret_key BLOB    NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE ballot_credentials (
    process_id INTEGER NOT NULL REFERENCES pb_processes (id),
    user_id    INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (process_id, user_id)
);

CREATE TABLE ballot_tokens (
    process_id INTEGER NOT NULL REFERENCES pb_processes (id),
    token      BLOB    NOT NULL CHECK (length(token) = 32),
    last_seq   INTEGER NOT NULL CHECK (last_seq > 0),
    PRIMARY KEY (process_id, token)
);

CREATE TRIGGER ballot_credentials_no_delete BEFORE DELETE ON ballot_credentials
BEGIN
    SELECT RAISE(ABORT, 'issued credentials are never forgotten');
END;
CREATE TRIGGER ballot_tokens_only_grow BEFORE UPDATE ON ballot_tokens
WHEN NEW.last_seq <= OLD.last_seq
BEGIN
    SELECT RAISE(ABORT, 'a token''s last seq only grows');
END;
