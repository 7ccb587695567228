-- The OpenID Connect provider: server-wide secrets, signing keys, client
-- services, consents, authorization codes and tokens. Codes and tokens are
-- stored as SHA-256 digests only. Timestamps are INTEGER milliseconds.

CREATE TABLE oidc_secrets (
    name       TEXT    PRIMARY KEY,
    secret     BLOB    NOT NULL,
    created_at INTEGER NOT NULL
);

-- One key per rotation slot and algorithm; the private key never leaves the server.
CREATE TABLE oidc_signing_keys (
    kid         TEXT    PRIMARY KEY,
    slot        INTEGER NOT NULL,
    alg         TEXT    NOT NULL,
    private_pem TEXT    NOT NULL,
    public_jwk  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
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
    secret_hash       BLOB    CHECK (secret_hash IS NULL OR length(secret_hash) = 32),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);

CREATE TABLE oidc_consents (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id  TEXT    NOT NULL REFERENCES oidc_clients (client_id) ON DELETE CASCADE,
    scopes     TEXT    NOT NULL,
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, client_id)
) WITHOUT ROWID;

CREATE TABLE oidc_codes (
    code_hash      BLOB    PRIMARY KEY CHECK (length(code_hash) = 32),
    client_id      TEXT    NOT NULL,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    redirect_uri   TEXT    NOT NULL,
    code_challenge TEXT    NOT NULL,
    nonce          TEXT,
    scopes         TEXT    NOT NULL,
    sub            TEXT    NOT NULL,
    auth_time      INTEGER NOT NULL,
    acr            TEXT    NOT NULL,
    amr            TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    consumed_at    INTEGER
) WITHOUT ROWID;
CREATE INDEX oidc_codes_expires_at_idx ON oidc_codes (expires_at);

-- grant_id: the digest of the code the token was issued from.
CREATE TABLE oidc_tokens (
    token_hash BLOB    PRIMARY KEY CHECK (length(token_hash) = 32),
    kind       TEXT    NOT NULL CHECK (kind IN ('access_token', 'refresh_token')),
    grant_id   BLOB    NOT NULL,
    client_id  TEXT    NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scopes     TEXT    NOT NULL,
    sub        TEXT    NOT NULL,
    auth_time  INTEGER NOT NULL,
    acr        TEXT    NOT NULL,
    amr        TEXT    NOT NULL,
    issued_at  INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
) WITHOUT ROWID;
CREATE INDEX oidc_tokens_grant_idx ON oidc_tokens (grant_id);
CREATE INDEX oidc_tokens_expires_at_idx ON oidc_tokens (expires_at);
