//! Removing a second factor (a passkey, the authenticator app): the one path for the API
//! and the pages, with the credential policy's conditions (see
//! [`super::credential_policy`]): the session authenticated recently, and an account
//! whose role needs a passkey keeps at least one.

use civis_store::credentials::PasskeyRemoval;
use civis_store::Change;

use super::extract::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

/// `ReauthRequired` unless `me`'s session authenticated (signed in or stepped up)
/// within the policy's window.
pub fn require_recent(state: &AppState, me: &CurrentUser) -> Result<(), AppError> {
    if state
        .config()
        .credentials
        .is_recent(me.authenticated_at, state.now())
    {
        Ok(())
    } else {
        Err(AppError::ReauthRequired)
    }
}

/// Removes the authenticator app of `me`'s account (audited); `NotFound` if there is none.
pub async fn remove_totp(state: &AppState, me: &CurrentUser) -> Result<(), AppError> {
    require_recent(state, me)?;
    if state
        .store()
        .remove_totp(me.user.id, Change::by(me.user.id, state.now()))
        .await?
    {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Removes passkey `id` of `me`'s account (audited); `NotFound` if the account has no
/// such passkey, `LastPasskey` if it is the last one and the account's role needs one
/// (checked in the removal's transaction, so two removals at once cannot both pass).
pub async fn remove_passkey(state: &AppState, me: &CurrentUser, id: i64) -> Result<(), AppError> {
    require_recent(state, me)?;
    let keep_one = state.config().credentials.requires_passkey(me.held_role());
    match state
        .store()
        .remove_passkey(
            me.user.id,
            id,
            keep_one,
            Change::by(me.user.id, state.now()),
        )
        .await?
    {
        PasskeyRemoval::Removed => Ok(()),
        PasskeyRemoval::NotFound => Err(AppError::NotFound),
        PasskeyRemoval::LastOne => Err(AppError::LastPasskey),
    }
}
