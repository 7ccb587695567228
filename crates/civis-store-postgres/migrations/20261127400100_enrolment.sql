-- Enrolment: the link between an account and its register record (one each
-- way), how it was proofed, who verified it in person and with which document;
-- and one-time enrolment codes, stored as SHA-256 digests only.

CREATE TABLE register_links (
    user_id       BIGINT  PRIMARY KEY REFERENCES users (id),
    record_id     BIGINT  NOT NULL UNIQUE REFERENCES register_records (id),
    proofing      TEXT    NOT NULL CHECK (proofing IN ('letter', 'sms', 'in_person')),
    linked_at     BIGINT  NOT NULL,
    verified_by   BIGINT  REFERENCES users (id),
    document_type TEXT
);

CREATE TABLE enrolment_codes (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_id  BIGINT  NOT NULL REFERENCES register_records (id),
    user_id    BIGINT  REFERENCES users (id),
    channel    TEXT    NOT NULL CHECK (channel IN ('letter', 'sms')),
    code_hash  BYTEA   NOT NULL,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL,
    used_at    BIGINT ,
    issued_by  BIGINT  REFERENCES users (id)
);
CREATE INDEX enrolment_codes_record ON enrolment_codes (record_id, channel);
