//! Account recovery: officials issue one-time codes (`enrolment.in_person`),
//! residents use them to get a session (see [`crate::register::recovery`]).

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use civis_domain::{AuthMethod, AuthMethods};

use super::extract::ApiJson;
use super::wire::{SessionView, UserView};
use super::wire_recovery::{IssueRecoveryRequest, IssuedRecoveryView, RecoverRequest};
use crate::auth::device::UserAgent;
use crate::auth::extract::CurrentUser;
use crate::auth::rate_limit::ClientIp;
use crate::auth::session;
use crate::error::{AppError, FieldError, Problem};
use crate::register::enrolment::Refusal;
use crate::register::recovery;
use crate::state::AppState;

fn issue_error(refusal: Refusal) -> AppError {
    let detail = match &refusal {
        Refusal::Other(_) => None,
        Refusal::UnknownResident => Some("No active resident account has this username."),
        Refusal::DocumentType => Some("Choose the identity document you checked."),
        Refusal::NotConfirmed => Some("Confirm that the document matches the person."),
        _ => Some("This request cannot be served."),
    };
    match (refusal, detail) {
        (Refusal::Other(e), _) => e,
        (r, Some(d)) => {
            AppError::Validation(vec![FieldError::new(r.field(), d).with_code(&r.key())])
        }
        (_, None) => AppError::Forbidden,
    }
}

/// Issue a recovery code for a resident account after checking an identity
/// document in person. The code is in this answer only; an earlier unused code
/// of the account stops working.
#[utoipa::path(post, path = "/api/v1/register/recovery-codes", tag = "register",
    security(("session_cookie" = [], "csrf_header" = [])),
    request_body = IssueRecoveryRequest,
    responses(
        (status = 201, description = "Issued; the code is shown this once", body = IssuedRecoveryView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No enrolment.in_person permission, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown resident, no document type, or not confirmed; nothing was issued", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn issue_recovery_code(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(req): ApiJson<IssueRecoveryRequest>,
) -> Result<Response, AppError> {
    let issued = recovery::issue(
        &state,
        &user.user,
        &req.username,
        req.document_type.trim(),
        req.confirmed,
    )
    .await
    .map_err(issue_error)?;
    let mut response = (
        StatusCode::CREATED,
        Json(IssuedRecoveryView {
            username: issued.resident.username.to_string(),
            code: issued.code,
            expires_at: issued.expires_at.to_string(),
        }),
    )
        .into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// Recover an account with a code an official issued: the answer is a session
/// authenticated with the recovery code only (its level of assurance never
/// above what the account's proofing and other factors give); the account's
/// other sessions end. Wrong, expired, used and replaced codes get one answer;
/// failures are limited per username and per client address.
#[utoipa::path(post, path = "/api/v1/auth/recover", tag = "auth",
    request_body = RecoverRequest,
    responses(
        (status = 200, description = "Recovered; the session cookie is set", body = SessionView),
        (status = 422, description = "A field is missing, the new password is not acceptable, or the username and code do not work", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts; see Retry-After", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn recover(
    State(state): State<AppState>,
    ip: ClientIp,
    device: UserAgent,
    ApiJson(req): ApiJson<RecoverRequest>,
) -> Result<Response, AppError> {
    let user = recovery::recover(
        &state,
        &ip,
        &req.username,
        &req.code,
        req.new_password.as_deref(),
    )
    .await
    .map_err(recovery::RecoverRefusal::into_api_error)?;
    let (token, session) = session::start_from(
        &state,
        &user,
        AuthMethods::one(AuthMethod::RecoveryCode),
        &device,
    )
    .await?;
    let mut response = (
        StatusCode::OK,
        Json(SessionView {
            user: UserView::from(&user),
            csrf_token: session.csrf_secret,
        }),
    )
        .into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        super::session::session_cookie(&state, &token)?,
    );
    Ok(response)
}
