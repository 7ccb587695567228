//! Signed-in sessions, stored by the hash of their token.

use std::fmt;

use crate::{AuthMethods, Timestamp, UserId};

/// SHA-256 (or similar 32-byte) digest of a session token. The token itself is never stored.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct TokenHash([u8; 32]);

impl TokenHash {
    /// Wraps a 32-byte digest.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        TokenHash(bytes)
    }

    /// The digest bytes.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Reads a digest from a byte slice; `None` unless it is exactly 32 bytes long.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        <[u8; 32]>::try_from(bytes).ok().map(TokenHash)
    }
}

impl fmt::Debug for TokenHash {
    /// Shows only a short prefix, enough to correlate log lines.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "TokenHash({:02x}{:02x}{:02x}{:02x}…)",
            self.0[0], self.0[1], self.0[2], self.0[3]
        )
    }
}

/// A signed-in session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Hash of the session token held in the browser cookie.
    pub token_hash: TokenHash,
    /// The signed-in user.
    pub user_id: UserId,
    /// Per-session secret for CSRF tokens (opaque text chosen by the web layer).
    pub csrf_secret: String,
    /// When the session was created.
    pub created_at: Timestamp,
    /// When the session was last used.
    pub last_seen_at: Timestamp,
    /// The session is invalid at and after this instant.
    pub expires_at: Timestamp,
    /// How the holder proved themselves (grows on step-up).
    pub auth_methods: AuthMethods,
    /// When the holder last authenticated (sign-in or step-up): OpenID Connect's `auth_time`.
    pub authenticated_at: Timestamp,
}

impl Session {
    /// Whether the session is still valid at `now`.
    pub fn is_valid_at(&self, now: Timestamp) -> bool {
        now < self.expires_at
    }
}
