-- Enrolment: the link between an account and its register record (one each
-- way), how it was proofed, who verified it in person and with which document;
-- and one-time enrolment codes, stored as SHA-256 digests only.

CREATE TABLE register_links (
    user_id       INTEGER PRIMARY KEY REFERENCES users (id),
    record_id     INTEGER NOT NULL UNIQUE REFERENCES register_records (id),
    proofing      TEXT    NOT NULL CHECK (proofing IN ('letter', 'sms', 'in_person')),
    linked_at     INTEGER NOT NULL,
    verified_by   INTEGER REFERENCES users (id),
    document_type TEXT
);

CREATE TABLE enrolment_codes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id  INTEGER NOT NULL REFERENCES register_records (id),
    user_id    INTEGER REFERENCES users (id),
    channel    TEXT    NOT NULL CHECK (channel IN ('letter', 'sms')),
    code_hash  BLOB    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    issued_by  INTEGER REFERENCES users (id)
);
CREATE INDEX enrolment_codes_record ON enrolment_codes (record_id, channel);
