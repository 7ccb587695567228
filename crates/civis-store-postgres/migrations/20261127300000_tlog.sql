-- Transparency logs (C2SP tlog-tiles over RFC 6962 Merkle trees). One row per
-- log in tlog_heads holds its size; every append locks it (UPDATE … until
-- commit) so that servers sharing the database append in one order. Entries
-- and the hashes of complete subtrees are append-only. The salt of an audit
-- entry's commitment is private.
CREATE TABLE tlog_heads (
    log  TEXT   PRIMARY KEY,
    size BIGINT NOT NULL CHECK (size >= 0)
);

CREATE TABLE tlog_entries (
    log            TEXT   NOT NULL,
    idx            BIGINT NOT NULL CHECK (idx >= 0),
    entry          BYTEA  NOT NULL CHECK (length(entry) <= 65535),
    salt           BYTEA,
    audit_event_id BIGINT UNIQUE REFERENCES audit_events (id),
    PRIMARY KEY (log, idx)
);

CREATE TABLE tlog_hashes (
    log   TEXT     NOT NULL,
    level SMALLINT NOT NULL CHECK (level >= 0 AND level < 64),
    idx   BIGINT   NOT NULL CHECK (idx >= 0),
    hash  BYTEA    NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (log, level, idx)
);

CREATE TABLE tlog_keys (
    log        TEXT   PRIMARY KEY,
    signer     TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE FUNCTION tlog_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER tlog_entries_no_update_delete
    BEFORE UPDATE OR DELETE ON tlog_entries
    FOR EACH STATEMENT EXECUTE FUNCTION tlog_append_only();
CREATE TRIGGER tlog_entries_no_truncate
    BEFORE TRUNCATE ON tlog_entries
    FOR EACH STATEMENT EXECUTE FUNCTION tlog_append_only();
CREATE TRIGGER tlog_hashes_no_update_delete
    BEFORE UPDATE OR DELETE ON tlog_hashes
    FOR EACH STATEMENT EXECUTE FUNCTION tlog_append_only();
CREATE TRIGGER tlog_hashes_no_truncate
    BEFORE TRUNCATE ON tlog_hashes
    FOR EACH STATEMENT EXECUTE FUNCTION tlog_append_only();

CREATE FUNCTION tlog_heads_grow_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' OR NEW.size < OLD.size OR NEW.log <> OLD.log THEN
        RAISE EXCEPTION 'tlog_heads only grow (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER tlog_heads_grow_only
    BEFORE UPDATE OR DELETE ON tlog_heads
    FOR EACH ROW EXECUTE FUNCTION tlog_heads_grow_only();
CREATE TRIGGER tlog_heads_no_truncate
    BEFORE TRUNCATE ON tlog_heads
    FOR EACH STATEMENT EXECUTE FUNCTION tlog_append_only();
