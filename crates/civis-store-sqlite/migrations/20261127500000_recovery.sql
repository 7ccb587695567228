-- Account recovery: one-time codes that an official issues to a resident after
-- checking an identity document, stored as SHA-256 digests only. Issuing a
-- new code voids the account's earlier unused ones; a code is used once.

CREATE TABLE recovery_codes (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER NOT NULL REFERENCES users (id),
    code_hash     BLOB    NOT NULL,
    document_type TEXT    NOT NULL,
    issued_by     INTEGER REFERENCES users (id),
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    used_at       INTEGER,
    voided_at     INTEGER
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);
