//! Changing the signed-in account's password (or setting one, for an account
//! without): the one path for the page and the API.
//!
//! The current password is checked as at sign-in, with the same throttling, so
//! that a session left open is not a way to guess it; an account without a
//! password needs a recent authentication instead. The new password is stored
//! (recorded as `user.password_changed`) and every other session of the account
//! ends: whoever else held one must sign in again.

use civis_domain::{Password, PasswordHash};
use civis_store::{Change, PasswordSignInQuery};

use super::extract::CurrentUser;
use super::rate_limit::{self, ClientIp};
use super::{password, removal};
use crate::error::AppError;
use crate::state::AppState;

/// Why a change was refused.
#[derive(Debug)]
pub enum Refusal {
    /// The current password is missing or wrong (counted as a failed sign-in).
    WrongCurrent,
    /// Anything else: throttled, a re-authentication needed, or a fault.
    Other(AppError),
}

impl From<AppError> for Refusal {
    fn from(e: AppError) -> Self {
        Refusal::Other(e)
    }
}

/// Whether `me`'s account has a password (the change form asks for it then).
pub async fn has_password(state: &AppState, me: &CurrentUser) -> Result<bool, AppError> {
    Ok(state.store().password_hash(me.user.id).await?.is_some())
}

/// Checks `current` (see the module), stores `new` and ends the account's other
/// sessions. Returns how many sessions ended.
pub async fn change(
    state: &AppState,
    me: &CurrentUser,
    ip: &ClientIp,
    current: &str,
    new: &Password,
) -> Result<u64, Refusal> {
    let username = me.user.username.as_str();
    let facts = state
        .store()
        .password_sign_in_facts(&PasswordSignInQuery {
            username: Some(&me.user.username),
            username_key: &rate_limit::user_key(username),
            ip_key: &rate_limit::ip_key(ip),
            since: rate_limit::window_start(state),
        })
        .await
        .map_err(AppError::from)?;
    rate_limit::refuse_when_throttled(state, facts.failures_by_username, facts.failures_by_ip)?;
    match facts.account.and_then(|a| a.password_hash) {
        Some(stored) => {
            let matches = !current.is_empty()
                && password::verify(current.to_owned(), stored.as_str().to_owned())
                    .await
                    .map_err(AppError::Internal)?;
            if !matches {
                rate_limit::record_failure(state, username, ip).await?;
                return Err(Refusal::WrongCurrent);
            }
            rate_limit::clear(state, username, facts.failures_by_username).await?;
        }
        None => removal::require_recent(state, me)?,
    }
    let hash = password::hash(new.expose().to_owned())
        .await
        .map_err(AppError::Internal)?;
    let now = state.now();
    state
        .store()
        .set_password_hash(
            me.user.id,
            &PasswordHash::new(hash),
            Change::by(me.user.id, now),
        )
        .await
        .map_err(AppError::from)?;
    let mut ended = 0;
    for other in state
        .store()
        .list_user_sessions(me.user.id, now)
        .await
        .map_err(AppError::from)?
    {
        if other.token_hash != me.token_hash
            && state
                .store()
                .delete_session(&other.token_hash)
                .await
                .map_err(AppError::from)?
        {
            ended += 1;
        }
    }
    Ok(ended)
}
