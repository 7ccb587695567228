-- Authenticator-app (TOTP, RFC 6238) credentials: one per account. The secret
-- is stored as the web layer encrypted it; `last_step` is the last time step
-- accepted (-1: none), so that a code is accepted once.
CREATE TABLE totp_credentials (
    user_id      BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret       BYTEA  NOT NULL,
    confirmed_at BIGINT,
    last_step    BIGINT NOT NULL DEFAULT -1,
    created_at   BIGINT NOT NULL
);
