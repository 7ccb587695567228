-- Participatory budgeting: processes, proposals, supports, ballots, results,
-- implementation reports, and residents' district and birth date.
-- Documents (*_json) are JSON text written by serde in civis-store's budget_codec.

CREATE TABLE pb_processes (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    settings_json        TEXT    NOT NULL,
    created_by           INTEGER REFERENCES users (id),
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    results_published_at INTEGER
);

CREATE TABLE pb_proposals (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    process_id    INTEGER NOT NULL REFERENCES pb_processes (id),
    author_id     INTEGER NOT NULL REFERENCES users (id),
    draft_json    TEXT    NOT NULL,
    review_json   TEXT    NOT NULL,
    hidden_reason TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX pb_proposals_process_idx ON pb_proposals (process_id, id);

CREATE TABLE pb_supports (
    proposal_id INTEGER NOT NULL REFERENCES pb_proposals (id),
    user_id     INTEGER NOT NULL REFERENCES users (id),
    at          INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, user_id)
) WITHOUT ROWID;

-- One counted ballot per voter per process; a new ballot replaces it (revision + 1).
CREATE TABLE pb_ballots (
    process_id   INTEGER NOT NULL REFERENCES pb_processes (id),
    voter_id     INTEGER NOT NULL REFERENCES users (id),
    content_json TEXT    NOT NULL,
    channel      TEXT    NOT NULL CHECK (channel IN ('online', 'paper')),
    official_id  INTEGER REFERENCES users (id),
    cast_at      INTEGER NOT NULL,
    revision     INTEGER NOT NULL CHECK (revision >= 1),
    PRIMARY KEY (process_id, voter_id),
    CHECK ((channel = 'paper') = (official_id IS NOT NULL))
) WITHOUT ROWID;

CREATE TABLE pb_results (
    process_id   INTEGER PRIMARY KEY REFERENCES pb_processes (id),
    results_json TEXT    NOT NULL
);

CREATE TABLE pb_implementation_updates (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id INTEGER NOT NULL REFERENCES pb_proposals (id),
    author_id   INTEGER REFERENCES users (id),
    at          INTEGER NOT NULL,
    update_json TEXT    NOT NULL
);
CREATE INDEX pb_implementation_updates_proposal_idx
    ON pb_implementation_updates (proposal_id, at, id);

CREATE TABLE resident_profiles (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id),
    district   TEXT,
    birth_date TEXT
);
