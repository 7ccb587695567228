-- What a published process serves, made once when its results are published (nothing
-- it is made from changes afterwards): the participation figures, kept with the
-- results, and the open-data documents (a Pabulib file per budget unit, CSV, JSON).
-- Processes published before this migration have neither until their first request.
ALTER TABLE pb_results ADD COLUMN participation_json JSONB;

CREATE TABLE pb_published_exports (
    process_id BIGINT NOT NULL REFERENCES pb_results (process_id),
    kind       TEXT   NOT NULL CHECK (kind IN ('pabulib', 'csv', 'json')),
    unit       TEXT   NOT NULL DEFAULT '',
    file_name  TEXT   NOT NULL,
    body       TEXT   NOT NULL,
    PRIMARY KEY (process_id, kind, unit)
);
