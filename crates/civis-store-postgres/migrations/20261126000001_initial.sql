-- civis storage, PostgreSQL. Timestamps are BIGINT milliseconds since the Unix epoch (UTC).

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      TEXT   NOT NULL,
    display_name  TEXT   NOT NULL,
    role          TEXT   NOT NULL CHECK (role IN ('resident', 'official', 'admin', 'auditor')),
    password_hash TEXT,
    created_at    BIGINT NOT NULL,
    disabled_at   BIGINT,
    CONSTRAINT users_username_key UNIQUE (username)
);
CREATE INDEX users_role_username_idx ON users (role, username);

CREATE TABLE sessions (
    token_hash   BYTEA  PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_secret  TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

CREATE TABLE sign_in_failures (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    throttle_key TEXT   NOT NULL,
    at           BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_key_at_idx ON sign_in_failures (throttle_key, at);
CREATE INDEX sign_in_failures_at_idx ON sign_in_failures (at);

CREATE TABLE audit_events (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          BIGINT NOT NULL,
    actor_id    BIGINT REFERENCES users (id),
    action      TEXT   NOT NULL,
    target      TEXT,
    before_json JSONB,
    after_json  JSONB
);
CREATE INDEX audit_events_at_idx ON audit_events (at, id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, at);
CREATE INDEX audit_events_action_idx ON audit_events (action, at);
CREATE INDEX audit_events_target_idx ON audit_events (target, at);

-- The audit log is append-only, whatever the client. Statement-level triggers
-- fire even when no row matches, and also guard TRUNCATE.
CREATE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_events_no_update_delete
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
