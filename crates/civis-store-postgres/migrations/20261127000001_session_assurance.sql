-- How each session was authenticated (space-separated RFC 8176 `amr` values) and
-- when its holder last authenticated; how each account was tied to the register.
ALTER TABLE sessions ADD COLUMN auth_methods TEXT NOT NULL DEFAULT 'pwd';
ALTER TABLE sessions ADD COLUMN authenticated_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET authenticated_at = created_at;
ALTER TABLE users ADD COLUMN proofing TEXT CHECK (proofing IN ('letter', 'sms', 'in_person'));
