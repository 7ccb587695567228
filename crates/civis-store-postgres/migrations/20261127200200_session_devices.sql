-- The user agent each session was started from, for the devices page.
CREATE TABLE session_devices (
    token_hash BYTEA PRIMARY KEY REFERENCES sessions (token_hash) ON DELETE CASCADE,
    user_agent TEXT NOT NULL
);
