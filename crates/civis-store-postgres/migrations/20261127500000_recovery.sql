-- Account recovery: one-time codes that an official issues to a resident after
-- checking an identity document, stored as SHA-256 digests only. Issuing a
-- new code voids the account's earlier unused ones; a code is used once.

CREATE TABLE recovery_codes (
    id            BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       BIGINT  NOT NULL REFERENCES users (id),
    code_hash     BYTEA   NOT NULL,
    document_type TEXT    NOT NULL,
    issued_by     BIGINT  REFERENCES users (id),
    created_at    BIGINT  NOT NULL,
    expires_at    BIGINT  NOT NULL,
    used_at       BIGINT,
    voided_at     BIGINT
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);
