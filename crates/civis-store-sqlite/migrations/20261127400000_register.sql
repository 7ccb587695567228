-- The resident register: records keyed by personal code, their dated versions
-- (a new version per change, the old ones kept), the imports that brought them,
-- and the register permissions admins grant officials. Dates are TEXT
-- 'YYYY-MM-DD' (they sort as dates); timestamps INTEGER milliseconds.

CREATE TABLE register_imports (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    effective_date TEXT    NOT NULL,
    file_sha256    TEXT    NOT NULL,
    records        INTEGER NOT NULL,
    created        INTEGER NOT NULL,
    changed        INTEGER NOT NULL,
    unchanged      INTEGER NOT NULL,
    imported_by    INTEGER REFERENCES users (id),
    imported_at    INTEGER NOT NULL
);

CREATE TABLE register_records (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    personal_code TEXT    NOT NULL UNIQUE
);

CREATE TABLE register_versions (
    record_id   INTEGER NOT NULL REFERENCES register_records (id),
    valid_from  TEXT    NOT NULL,
    given_name  TEXT    NOT NULL,
    family_name TEXT    NOT NULL,
    birth_date  TEXT    NOT NULL,
    address     TEXT    NOT NULL,
    district    TEXT    NOT NULL,
    phone       TEXT,
    status      TEXT    NOT NULL CHECK (status IN ('active', 'deceased', 'left')),
    import_id   INTEGER NOT NULL REFERENCES register_imports (id),
    PRIMARY KEY (record_id, valid_from)
);

CREATE TABLE register_grants (
    user_id    INTEGER NOT NULL REFERENCES users (id),
    permission TEXT    NOT NULL CHECK (permission IN ('register.read', 'register.import', 'enrolment.in_person')),
    granted_by INTEGER REFERENCES users (id),
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, permission)
);
