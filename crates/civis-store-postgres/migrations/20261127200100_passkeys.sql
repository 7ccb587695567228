-- Passkeys (WebAuthn credentials) and the server's half of WebAuthn
-- ceremonies between their start and finish (servers keep nothing in memory).
CREATE TABLE passkeys (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    credential_id BYTEA  NOT NULL UNIQUE,
    name          TEXT   NOT NULL,
    credential    TEXT   NOT NULL, -- the WebAuthn library's record, JSON
    counter       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT
);
CREATE INDEX passkeys_user_idx ON passkeys (user_id);

CREATE TABLE webauthn_ceremonies (
    id_hash    BYTEA  PRIMARY KEY, -- SHA-256 of the handle the browser holds
    user_id    BIGINT REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT   NOT NULL CHECK (kind IN ('register', 'authenticate')),
    state      TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX webauthn_ceremonies_expiry_idx ON webauthn_ceremonies (expires_at);
