-- The OpenID Connect provider: server-wide secrets, signing keys, client
-- services, consents, authorization codes and tokens. Codes and tokens are
-- stored as SHA-256 digests only. Timestamps are BIGINT milliseconds.

CREATE TABLE oidc_secrets (
    name       TEXT    PRIMARY KEY,
    secret     BYTEA    NOT NULL,
    created_at BIGINT NOT NULL
);

-- One key per rotation slot and algorithm; the private key never leaves the server.
CREATE TABLE oidc_signing_keys (
    kid         TEXT    PRIMARY KEY,
    slot        BIGINT NOT NULL,
    alg         TEXT    NOT NULL,
    private_pem TEXT    NOT NULL,
    public_jwk  TEXT    NOT NULL,
    created_at  BIGINT NOT NULL,
    CONSTRAINT oidc_signing_keys_slot_alg_key UNIQUE (slot, alg)
);

CREATE TABLE oidc_clients (
    client_id         TEXT    PRIMARY KEY,
    name              TEXT    NOT NULL,
    redirect_uris     TEXT    NOT NULL, -- one per line
    allowed_scopes    TEXT    NOT NULL,
    min_level         TEXT    NOT NULL CHECK (min_level IN ('low', 'substantial', 'high')),
    subject_type      TEXT    NOT NULL CHECK (subject_type IN ('pairwise', 'public')),
    kind              TEXT    NOT NULL CHECK (kind IN ('confidential', 'public')),
    sector_identifier TEXT,
    secret_hash       BYTEA    CHECK (secret_hash IS NULL OR octet_length(secret_hash) = 32),
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);

CREATE TABLE oidc_consents (
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id  TEXT    NOT NULL REFERENCES oidc_clients (client_id) ON DELETE CASCADE,
    scopes     TEXT    NOT NULL,
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, client_id)
);

CREATE TABLE oidc_codes (
    code_hash      BYTEA    PRIMARY KEY CHECK (octet_length(code_hash) = 32),
    client_id      TEXT    NOT NULL,
    user_id        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    redirect_uri   TEXT    NOT NULL,
    code_challenge TEXT    NOT NULL,
    nonce          TEXT,
    scopes         TEXT    NOT NULL,
    sub            TEXT    NOT NULL,
    auth_time      BIGINT NOT NULL,
    acr            TEXT    NOT NULL,
    amr            TEXT    NOT NULL,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    consumed_at    BIGINT
);
CREATE INDEX oidc_codes_expires_at_idx ON oidc_codes (expires_at);

-- grant_id: the digest of the code the token was issued from.
CREATE TABLE oidc_tokens (
    token_hash BYTEA    PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    kind       TEXT    NOT NULL CHECK (kind IN ('access_token', 'refresh_token')),
    grant_id   BYTEA    NOT NULL,
    client_id  TEXT    NOT NULL,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scopes     TEXT    NOT NULL,
    sub        TEXT    NOT NULL,
    auth_time  BIGINT NOT NULL,
    acr        TEXT    NOT NULL,
    amr        TEXT    NOT NULL,
    issued_at  BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX oidc_tokens_grant_idx ON oidc_tokens (grant_id);
CREATE INDEX oidc_tokens_expires_at_idx ON oidc_tokens (expires_at);
