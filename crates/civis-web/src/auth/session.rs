//! Sessions: creating them at sign-in, resolving the cookie on each request, ending them.

use civis_domain::{AuthMethods, Session, Timestamp, TokenHash, User};
use civis_store::NewSession;

use super::extract::SignedIn;
use super::token;
use crate::error::AppError;
use crate::state::AppState;

/// Resolves a session token hash to the signed-in user and the session's CSRF secret.
/// Expired sessions and disabled accounts resolve to `None`. A session that the
/// credential policy restricts acts as a resident (see [`super::credential_policy`]).
pub async fn resolve(
    state: &AppState,
    hash: &TokenHash,
) -> Result<Option<(SignedIn, String)>, AppError> {
    let now = state.now();
    let Some(civis_store::SessionContext {
        session,
        user,
        proofing,
    }) = state.store().session_context(hash, now).await?
    else {
        return Ok(None);
    };
    if !user.is_active() {
        return Ok(None);
    }
    let mut user = user;
    let policy = &state.config().credentials;
    let held_role = policy
        .restricts(user.role, session.auth_methods)
        .then_some(user.role);
    if let Some(held) = held_role {
        user.role = super::credential_policy::restrict(held);
    }
    Ok(Some((
        SignedIn {
            user,
            token_hash: *hash,
            auth_methods: session.auth_methods,
            authenticated_at: session.authenticated_at,
            held_role,
            proofing,
        },
        session.csrf_secret,
    )))
}

/// A new session for `user`, who authenticated with `methods`: the token for
/// the cookie, and the stored session.
pub async fn start(
    state: &AppState,
    user: &User,
    methods: AuthMethods,
) -> Result<(String, Session), AppError> {
    let token = token::random_token();
    let now = state.now();
    let new = NewSession {
        token_hash: super::middleware::token_hash(&token),
        user_id: user.id,
        csrf_secret: token::random_token(),
        created_at: now,
        expires_at: now.plus_seconds(state.config().session_ttl_secs),
        auth_methods: methods,
    };
    let session = state.store().create_session(&new).await?;
    Ok((token, session))
}

/// [`start`], remembering the device (user agent) for the devices page.
pub async fn start_from(
    state: &AppState,
    user: &User,
    methods: AuthMethods,
    device: &super::device::UserAgent,
) -> Result<(String, Session), AppError> {
    let (token, session) = start(state, user, methods).await?;
    if let Some(ua) = &device.0 {
        state
            .store()
            .record_session_device(&session.token_hash, ua)
            .await?;
    }
    Ok((token, session))
}

/// Ends the session with this hash.
pub async fn end(state: &AppState, hash: &TokenHash) -> Result<(), AppError> {
    state.store().delete_session(hash).await?;
    Ok(())
}

/// Milliseconds since the Unix epoch, from the wall clock.
pub fn wall_clock_now() -> Timestamp {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    Timestamp::from_millis(millis)
}

/// How often [`housekeeping`] purges expired rows.
pub const HOUSEKEEPING_INTERVAL: std::time::Duration = std::time::Duration::from_secs(600);

/// Deletes expired sessions and sign-in failures older than the throttling window, every
/// [`HOUSEKEEPING_INTERVAL`], until the task is dropped or aborted. Failures are logged,
/// never fatal. Several servers on one database may all run it: the deletes are idempotent.
pub async fn housekeeping(state: AppState) {
    let mut tick = tokio::time::interval(HOUSEKEEPING_INTERVAL);
    loop {
        tick.tick().await;
        if let Err(e) = purge_once(&state).await {
            tracing::warn!(error = %e, "housekeeping failed");
        }
        if let Err(e) = state.store().purge_oidc(state.now()).await {
            tracing::warn!(error = %e.log_detail(), "OpenID Connect housekeeping failed");
        }
        if let Err(e) = state.store().purge_ceremonies(state.now()).await {
            tracing::warn!(error = %e.log_detail(), "WebAuthn ceremony housekeeping failed");
        }
    }
}

/// One housekeeping pass: deletes sessions expired now and sign-in failures older than the
/// throttling window. Returns how many of each were deleted.
pub async fn purge_once(state: &AppState) -> Result<(u64, u64), String> {
    let now = state.now();
    let sessions = state
        .store()
        .purge_expired_sessions(now)
        .await
        .map_err(|e| e.log_detail())?;
    let before = now.minus_seconds(state.config().login_window_secs);
    let failures = state
        .store()
        .purge_failed_sign_ins(before)
        .await
        .map_err(|e| e.log_detail())?;
    if sessions + failures > 0 {
        tracing::info!(
            sessions,
            failures,
            "purged expired sessions and sign-in failures"
        );
    }
    Ok((sessions, failures))
}
