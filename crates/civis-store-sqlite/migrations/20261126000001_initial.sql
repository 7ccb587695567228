-- civis storage, SQLite. Timestamps are INTEGER milliseconds since the Unix epoch (UTC).

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT, -- AUTOINCREMENT: ids are never reused
    username      TEXT    NOT NULL,
    display_name  TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('resident', 'official', 'admin', 'auditor')),
    password_hash TEXT,
    created_at    INTEGER NOT NULL,
    disabled_at   INTEGER,
    CONSTRAINT users_username_key UNIQUE (username)
);
CREATE INDEX users_role_username_idx ON users (role, username);

CREATE TABLE sessions (
    token_hash   BLOB    PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_secret  TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

CREATE TABLE sign_in_failures (
    id           INTEGER PRIMARY KEY,
    throttle_key TEXT    NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_key_at_idx ON sign_in_failures (throttle_key, at);
CREATE INDEX sign_in_failures_at_idx ON sign_in_failures (at);

CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    actor_id    INTEGER REFERENCES users (id),
    action      TEXT    NOT NULL,
    target      TEXT,
    before_json TEXT,
    after_json  TEXT
);
CREATE INDEX audit_events_at_idx ON audit_events (at, id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, at);
CREATE INDEX audit_events_action_idx ON audit_events (action, at);
CREATE INDEX audit_events_target_idx ON audit_events (target, at);

-- The audit log is append-only, whatever the client.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
