-- Transparency logs (C2SP tlog-tiles over RFC 6962 Merkle trees). One row per
-- log in tlog_heads holds its size; every append locks it (a write transaction
-- here) so that appends are serialised. Entries and the hashes of complete
-- subtrees are append-only. The salt of an audit entry's commitment is private.
CREATE TABLE tlog_heads (
    log  TEXT    PRIMARY KEY,
    size INTEGER NOT NULL CHECK (size >= 0)
);

CREATE TABLE tlog_entries (
    log            TEXT    NOT NULL,
    idx            INTEGER NOT NULL CHECK (idx >= 0),
    entry          BLOB    NOT NULL CHECK (length(entry) <= 65535),
    salt           BLOB,
    audit_event_id INTEGER UNIQUE REFERENCES audit_events (id),
    PRIMARY KEY (log, idx)
);

CREATE TABLE tlog_hashes (
    log   TEXT    NOT NULL,
    level INTEGER NOT NULL CHECK (level >= 0 AND level < 64),
    idx   INTEGER NOT NULL CHECK (idx >= 0),
    hash  BLOB    NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (log, level, idx)
);

CREATE TABLE tlog_keys (
    log        TEXT    PRIMARY KEY,
    signer     TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TRIGGER tlog_heads_never_shrink BEFORE UPDATE ON tlog_heads
WHEN NEW.size < OLD.size OR NEW.log <> OLD.log
BEGIN
    SELECT RAISE(ABORT, 'tlog_heads only grow');
END;
CREATE TRIGGER tlog_heads_no_delete BEFORE DELETE ON tlog_heads
BEGIN
    SELECT RAISE(ABORT, 'tlog_heads only grow');
END;
CREATE TRIGGER tlog_entries_no_update BEFORE UPDATE ON tlog_entries
BEGIN
    SELECT RAISE(ABORT, 'tlog_entries is append-only');
END;
CREATE TRIGGER tlog_entries_no_delete BEFORE DELETE ON tlog_entries
BEGIN
    SELECT RAISE(ABORT, 'tlog_entries is append-only');
END;
CREATE TRIGGER tlog_hashes_no_update BEFORE UPDATE ON tlog_hashes
BEGIN
    SELECT RAISE(ABORT, 'tlog_hashes is append-only');
END;
CREATE TRIGGER tlog_hashes_no_delete BEFORE DELETE ON tlog_hashes
BEGIN
    SELECT RAISE(ABORT, 'tlog_hashes is append-only');
END;
