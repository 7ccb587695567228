//! Sign-in throttling, stored in the database so that every server process sharing it
//! enforces the same limits: at most N failed sign-ins per username and per client IP
//! within a sliding window, then `429 Too Many Requests` with `Retry-After`.

use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use civis_domain::{AuditAction, NewAuditEvent, Timestamp};

use crate::error::AppError;
use crate::state::AppState;

/// The address a request came from: the peer address, or the first `X-Forwarded-For`
/// entry when the server is configured to trust its reverse proxy.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if state.config().trust_forwarded_for {
            if let Some(first) = parts
                .headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .map(str::trim)
                .filter(|v| !v.is_empty())
            {
                return Ok(Self(first.to_owned()));
            }
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string())
            .unwrap_or_else(|| "unknown".to_owned());
        Ok(Self(peer))
    }
}

/// The throttle key of a username (as typed).
pub fn user_key(username: &str) -> String {
    format!("user:{username}")
}

/// The throttle key of a client address.
pub fn ip_key(ip: &ClientIp) -> String {
    format!("ip:{}", ip.0)
}

/// When failures counted from here on are recent enough to throttle a sign-in.
pub fn window_start(state: &AppState) -> Timestamp {
    state.now().minus_seconds(state.config().login_window_secs)
}

/// Refuses (429 with `Retry-After`) when the username or the client address has too
/// many recent failures (`by_user` and `by_ip`, counted from [`window_start`]).
pub fn refuse_when_throttled(state: &AppState, by_user: u64, by_ip: u64) -> Result<(), AppError> {
    let cfg = state.config();
    if by_user >= u64::from(cfg.login_max_failures_per_username)
        || by_ip >= u64::from(cfg.login_max_failures_per_ip)
    {
        return Err(AppError::TooManyRequests {
            retry_after_secs: u64::try_from(cfg.login_window_secs).unwrap_or(900),
        });
    }
    Ok(())
}

/// Records a failed sign-in for the username and the client IP; the failure that reaches
/// the per-username limit is written to the audit log.
pub async fn record_failure(
    state: &AppState,
    username: &str,
    ip: &ClientIp,
) -> Result<(), AppError> {
    let cfg = state.config();
    let now = state.now();
    let store = state.store();
    store
        .record_failed_sign_in(&user_key(username), now)
        .await?;
    store.record_failed_sign_in(&ip_key(ip), now).await?;
    let since = now.minus_seconds(cfg.login_window_secs);
    let count = store
        .count_failed_sign_ins(&user_key(username), since)
        .await?;
    if count == u64::from(cfg.login_max_failures_per_username) {
        store
            .append_audit(&NewAuditEvent {
                at: now,
                actor: None,
                action: AuditAction::SignInFailedLockout,
                target: Some(format!("username:{username}")),
                before: None,
                after: Some(serde_json::json!({ "client_ip": ip.0, "failures": count })),
            })
            .await?;
    }
    Ok(())
}

/// Forgets the username's failures after a successful sign-in; `recent` is how many
/// were counted before it (none: nothing to forget, no write).
pub async fn clear(state: &AppState, username: &str, recent: u64) -> Result<(), AppError> {
    if recent == 0 {
        return Ok(());
    }
    state
        .store()
        .clear_failed_sign_ins(&user_key(username))
        .await?;
    Ok(())
}
