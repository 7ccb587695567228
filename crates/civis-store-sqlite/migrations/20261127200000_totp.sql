-- Authenticator-app (TOTP, RFC 6238) credentials: one per account. The secret
-- is stored as the web layer encrypted it; `last_step` is the last time step
-- accepted (-1: none), so that a code is accepted once.
CREATE TABLE totp_credentials (
    user_id      INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret       BLOB    NOT NULL,
    confirmed_at INTEGER,
    last_step    INTEGER NOT NULL DEFAULT -1,
    created_at   INTEGER NOT NULL
);
