//! The account's sessions as the devices page and the API show them, and
//! revoking one of them.

use civis_domain::{AuthMethods, Timestamp, TokenHash, UserId};
use civis_store::Change;

use super::device::public_id;
use crate::error::AppError;
use crate::state::AppState;

/// One session of the account.
#[derive(Debug, Clone)]
pub struct DeviceSession {
    /// Its public id.
    pub id: String,
    /// The user agent it was started from, if known.
    pub user_agent: Option<String>,
    /// When it started.
    pub created_at: Timestamp,
    /// When it was last used.
    pub last_seen_at: Timestamp,
    /// When it ends.
    pub expires_at: Timestamp,
    /// How its holder proved themselves.
    pub methods: AuthMethods,
    /// Whether it is the session of the request.
    pub current: bool,
    hash: TokenHash,
}

/// The valid sessions of `user`, most recently used first; `current` marks
/// the request's own.
pub async fn list(
    state: &AppState,
    user: UserId,
    current: &TokenHash,
) -> Result<Vec<DeviceSession>, AppError> {
    let devices = state.store().session_devices(user).await?;
    Ok(state
        .store()
        .list_user_sessions(user, state.now())
        .await?
        .into_iter()
        .map(|s| DeviceSession {
            id: public_id(&s.token_hash),
            user_agent: devices
                .iter()
                .find(|(h, _)| *h == s.token_hash)
                .map(|(_, ua)| ua.clone()),
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            expires_at: s.expires_at,
            methods: s.auth_methods,
            current: s.token_hash == *current,
            hash: s.token_hash,
        })
        .collect())
}

/// Ends the session of `user` with public id `id` (audited). Returns whether
/// there was one, and whether it was the request's own.
pub async fn revoke(
    state: &AppState,
    user: UserId,
    current: &TokenHash,
    id: &str,
) -> Result<Option<bool>, AppError> {
    let sessions = list(state, user, current).await?;
    let Some(target) = sessions.iter().find(|s| s.id == id) else {
        return Ok(None);
    };
    let done = state
        .store()
        .revoke_session(user, &target.hash, Change::by(user, state.now()))
        .await?;
    Ok(done.then_some(target.current))
}
