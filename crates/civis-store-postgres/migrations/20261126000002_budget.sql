-- Participatory budgeting: processes, proposals, supports, ballots, results,
-- implementation reports, and residents' district and birth date.
-- Documents (*_json) are JSON written by serde in civis-store's budget_codec.

CREATE TABLE pb_processes (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    settings_json        JSONB  NOT NULL,
    created_by           BIGINT REFERENCES users (id),
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL,
    results_published_at BIGINT
);

CREATE TABLE pb_proposals (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    process_id    BIGINT NOT NULL REFERENCES pb_processes (id),
    author_id     BIGINT NOT NULL REFERENCES users (id),
    draft_json    JSONB  NOT NULL,
    review_json   JSONB  NOT NULL,
    hidden_reason TEXT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX pb_proposals_process_idx ON pb_proposals (process_id, id);

CREATE TABLE pb_supports (
    proposal_id BIGINT NOT NULL REFERENCES pb_proposals (id),
    user_id     BIGINT NOT NULL REFERENCES users (id),
    at          BIGINT NOT NULL,
    PRIMARY KEY (proposal_id, user_id)
);

-- One counted ballot per voter per process; a new ballot replaces it (revision + 1).
CREATE TABLE pb_ballots (
    process_id   BIGINT NOT NULL REFERENCES pb_processes (id),
    voter_id     BIGINT NOT NULL REFERENCES users (id),
    content_json JSONB  NOT NULL,
    channel      TEXT   NOT NULL CHECK (channel IN ('online', 'paper')),
    official_id  BIGINT REFERENCES users (id),
    cast_at      BIGINT NOT NULL,
    revision     BIGINT NOT NULL CHECK (revision >= 1),
    PRIMARY KEY (process_id, voter_id),
    CHECK ((channel = 'paper') = (official_id IS NOT NULL))
);

CREATE TABLE pb_results (
    process_id   BIGINT PRIMARY KEY REFERENCES pb_processes (id),
    results_json JSONB  NOT NULL
);

CREATE TABLE pb_implementation_updates (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    proposal_id BIGINT NOT NULL REFERENCES pb_proposals (id),
    author_id   BIGINT REFERENCES users (id),
    at          BIGINT NOT NULL,
    update_json JSONB  NOT NULL
);
CREATE INDEX pb_implementation_updates_proposal_idx
    ON pb_implementation_updates (proposal_id, at, id);

CREATE TABLE resident_profiles (
    user_id    BIGINT PRIMARY KEY REFERENCES users (id),
    district   TEXT,
    birth_date TEXT
);
