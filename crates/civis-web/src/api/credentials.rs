//! The signed-in account's password (`/api/v1/me/password`), authenticator app
//! (`/api/v1/me/totp`) and sessions (`/api/v1/me/sessions`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::extract::ApiJson;
use super::wire::Fields;
use super::wire_auth::{
    PasswordChangeRequest, PasswordChanged, SessionInfo, TotpConfirmRequest, TotpEnrolment,
};
use crate::auth::password_change::{self, Refusal};
use crate::auth::rate_limit::ClientIp;
use crate::auth::{devices, totp, CurrentUser};
use crate::error::{AppError, FieldError, Problem};
use crate::state::AppState;

/// Change the account's password (or set one, if it has none). The account's
/// other sessions end.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "auth",
    security(("session_cookie" = [], "csrf_header" = [])),
    request_body = PasswordChangeRequest,
    responses(
        (status = 200, description = "Changed (audited as `user.password_changed`)", body = PasswordChanged),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The account has no password and the session did not authenticate recently enough (`code` `reauth_required`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The new password is not acceptable, or the current one is missing or wrong (the field is named)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong passwords; see Retry-After", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    me: CurrentUser,
    ip: ClientIp,
    ApiJson(req): ApiJson<PasswordChangeRequest>,
) -> Result<Json<PasswordChanged>, AppError> {
    let mut fields = Fields::default();
    let new = fields.take(
        "new_password",
        civis_domain::Password::parse(&req.new_password),
    );
    fields.finish()?;
    let Some(new) = new else {
        return Err(AppError::Internal(anyhow::anyhow!("parsed field missing")));
    };
    match password_change::change(&state, &me, &ip, &req.current_password, &new).await {
        Ok(sessions_ended) => Ok(Json(PasswordChanged { sessions_ended })),
        Err(Refusal::WrongCurrent) => Err(AppError::Validation(vec![FieldError::new(
            "current_password",
            "The current password is missing or wrong.",
        )])),
        Err(Refusal::Other(e)) => Err(e),
    }
}

/// Start setting up an authenticator app: a new secret, shown this once (as
/// text and as an `otpauth://` URI for a QR code). Calling again before
/// confirming replaces it.
#[utoipa::path(post, path = "/api/v1/me/totp", tag = "auth",
    security(("session_cookie" = [], "csrf_header" = [])),
    responses(
        (status = 201, description = "Pending: confirm with a first code", body = TotpEnrolment),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An authenticator app is already set up", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn begin_totp(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Response, AppError> {
    let secret = match totp::begin(&state, me.user.id).await {
        Err(AppError::Conflict { .. }) => {
            return Err(AppError::Conflict {
                field: None,
                detail: "An authenticator app is already set up; remove it first.".to_owned(),
            })
        }
        other => other?,
    };
    let uri = secret.otpauth_uri(
        &format!("civis ({})", host(&state)),
        me.user.username.as_str(),
    );
    Ok((
        StatusCode::CREATED,
        Json(TotpEnrolment {
            secret: secret.to_base32(),
            otpauth_uri: uri,
        }),
    )
        .into_response())
}

fn host(state: &AppState) -> String {
    let url = state.config().public_url.trim_end_matches('/');
    url.split("://").nth(1).unwrap_or(url).to_owned()
}

/// Confirm the pending authenticator app with its first code.
#[utoipa::path(post, path = "/api/v1/me/totp/confirm", tag = "auth",
    security(("session_cookie" = [], "csrf_header" = [])),
    request_body = TotpConfirmRequest,
    responses(
        (status = 204, description = "Set up: sign-in now asks for a code"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong or malformed code, or nothing pending", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong codes; see Retry-After", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn confirm_totp(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(req): ApiJson<TotpConfirmRequest>,
) -> Result<StatusCode, AppError> {
    match totp::confirm(&state, me.user.id, &req.code).await? {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(refusal) => Err(refusal.into_api_error(&state)),
    }
}

/// Remove the authenticator app (audited).
#[utoipa::path(delete, path = "/api/v1/me/totp", tag = "auth",
    security(("session_cookie" = [], "csrf_header" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The session did not authenticate recently enough (`code` `reauth_required`: step up on /step-up?reauth=1 or with a passkey first)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No authenticator app", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn remove_totp(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<StatusCode, AppError> {
    crate::auth::removal::remove_totp(&state, &me).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in account's sessions, most recently used first.
#[utoipa::path(get, path = "/api/v1/me/sessions", tag = "auth",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The sessions", body = [SessionInfo]),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_sessions(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<Vec<SessionInfo>>, AppError> {
    let sessions = devices::list(&state, me.user.id, &me.token_hash).await?;
    Ok(Json(sessions.iter().map(SessionInfo::from).collect()))
}

/// End one of the signed-in account's sessions (audited); ending the
/// current one signs out.
#[utoipa::path(delete, path = "/api/v1/me/sessions/{id}", tag = "auth",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = String, Path, description = "The session's id")),
    responses(
        (status = 204, description = "Ended"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session on this account", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn revoke_session(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    match devices::revoke(&state, me.user.id, &me.token_hash, &id).await? {
        Some(_) => Ok(StatusCode::NO_CONTENT),
        None => Err(AppError::NotFound),
    }
}
