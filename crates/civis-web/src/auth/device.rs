//! The device a session was started from, as its `User-Agent` says, and the
//! public id a session goes by on the devices page (never its token or the
//! token's hash).

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use civis_domain::TokenHash;
use sha2::{Digest, Sha256};

/// The longest user agent kept, in characters.
pub const MAX_LEN: usize = 200;

/// The request's `User-Agent`, cleaned: control characters dropped, at most
/// [`MAX_LEN`] characters; `None` when absent or empty.
#[derive(Debug, Clone, Default)]
pub struct UserAgent(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for UserAgent {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let text = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.chars()
                    .filter(|c| !c.is_control())
                    .take(MAX_LEN)
                    .collect::<String>()
            })
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty());
        Ok(Self(text))
    }
}

/// The id a session goes by on the devices page and in the API: 32 hex
/// digits derived from its token hash (one-way, so it reveals nothing).
pub fn public_id(hash: &TokenHash) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"session-id:");
    hasher.update(hash.as_bytes());
    let digest = hasher.finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}
