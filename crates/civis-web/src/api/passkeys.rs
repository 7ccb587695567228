//! Passkeys through the API: registering them (`/api/v1/me/passkeys`) and
//! signing in or stepping up with one (`/api/v1/auth/passkey`). The sign-in
//! page's script uses these; so may any WebAuthn client.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use civis_domain::{AuthMethod, AuthMethods};
use webauthn_rs::prelude::{PublicKeyCredential, RegisterPublicKeyCredential};

use super::extract::ApiJson;
use super::session::session_cookie;
use super::wire::{SessionView, UserView};
use super::wire_auth::{
    CeremonyStarted, PasskeyRegistrationRequest, PasskeySignInRequest, PasskeyView,
};
use crate::auth::passkeys::{self, PasskeyRefusal};
use crate::auth::{session, CurrentUser};
use crate::error::{AppError, Problem};
use crate::state::AppState;

fn started(s: passkeys::Started) -> Json<CeremonyStarted> {
    Json(CeremonyStarted {
        ceremony: s.ceremony,
        options: s.options,
    })
}

/// Start registering a passkey for the signed-in account.
#[utoipa::path(post, path = "/api/v1/me/passkeys/registration", tag = "auth",
    security(("session_cookie" = [], "csrf_header" = [])),
    responses(
        (status = 200, description = "Options for navigator.credentials.create()", body = CeremonyStarted),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn start_registration(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<CeremonyStarted>, AppError> {
    Ok(started(
        passkeys::start_registration(&state, &me.user).await?,
    ))
}

/// Finish registering a passkey (audited).
#[utoipa::path(post, path = "/api/v1/me/passkeys", tag = "auth",
    security(("session_cookie" = [], "csrf_header" = [])),
    request_body = PasskeyRegistrationRequest,
    responses(
        (status = 201, description = "Registered", body = PasskeyView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Refused: the `code` says why (ceremony_unknown, wrong_origin, wrong_rp_id, already_registered, name_missing, …)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn finish_registration(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(req): ApiJson<PasskeyRegistrationRequest>,
) -> Result<Response, AppError> {
    let Ok(credential) = serde_json::from_value::<RegisterPublicKeyCredential>(req.credential)
    else {
        return Err(PasskeyRefusal::Invalid.into_api_error());
    };
    match passkeys::finish_registration(&state, &me.user, &req.ceremony, &req.name, &credential)
        .await?
    {
        Ok(stored) => Ok((StatusCode::CREATED, Json(PasskeyView::from(&stored))).into_response()),
        Err(refusal) => Err(refusal.into_api_error()),
    }
}

/// The signed-in account's passkeys.
#[utoipa::path(get, path = "/api/v1/me/passkeys", tag = "auth",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Oldest first", body = [PasskeyView]),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_passkeys(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<Vec<PasskeyView>>, AppError> {
    let keys = state.store().passkeys_of(me.user.id).await?;
    Ok(Json(keys.iter().map(PasskeyView::from).collect()))
}

/// Remove one of the signed-in account's passkeys (audited). Needs an authentication
/// within the last minutes (`[auth] reauth_minutes`), and never removes the last passkey
/// of an account whose role needs one.
#[utoipa::path(delete, path = "/api/v1/me/passkeys/{id}", tag = "auth",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, description = "The passkey's id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The session did not authenticate recently enough (`code` `reauth_required`: step up on /step-up?reauth=1 or with a passkey first)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such passkey on this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The account's last passkey, and its role needs one (`code` `last_passkey`)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn remove_passkey(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    crate::auth::removal::remove_passkey(&state, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Start a passkey sign-in. Signed out: any passkey registered here
/// (discoverable credentials; no username needed). Signed in: one of the
/// account's own passkeys, to step the session up.
#[utoipa::path(post, path = "/api/v1/auth/passkey/challenge", tag = "auth",
    responses(
        (status = 200, description = "Options for navigator.credentials.get()", body = CeremonyStarted),
        (status = 404, description = "Signed in, and the account has no passkey", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn start_sign_in(
    State(state): State<AppState>,
    me: Option<CurrentUser>,
) -> Result<Json<CeremonyStarted>, AppError> {
    match passkeys::start_authentication(&state, me.as_ref().map(|m| m.user.id)).await? {
        Some(s) => Ok(started(s)),
        None => Err(AppError::NotFound),
    }
}

/// Finish a passkey sign-in: a new session (the cookie is set), or, when the
/// request comes with a session of the same account, that session stepped up.
#[utoipa::path(post, path = "/api/v1/auth/passkey", tag = "auth",
    request_body = PasskeySignInRequest,
    responses(
        (status = 200, description = "Signed in with a passkey", body = SessionView),
        (status = 422, description = "Refused: the `code` says why (ceremony_unknown for an expired or replayed response, wrong_origin, wrong_rp_id, bad_signature, counter_regressed, unknown_credential, not_verified)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn finish_sign_in(
    State(state): State<AppState>,
    me: Option<CurrentUser>,
    device: crate::auth::device::UserAgent,
    ApiJson(req): ApiJson<PasskeySignInRequest>,
) -> Result<Response, AppError> {
    let Ok(credential) = serde_json::from_value::<PublicKeyCredential>(req.credential) else {
        return Err(PasskeyRefusal::Invalid.into_api_error());
    };
    let user = match passkeys::finish_authentication(&state, &req.ceremony, &credential).await? {
        Ok(user) => user,
        Err(refusal) => return Err(refusal.into_api_error()),
    };
    let methods = AuthMethods::one(AuthMethod::Passkey);
    if let Some(current) = &me {
        if current.user.id == user.id
            && state
                .store()
                .step_up_session(&current.token_hash, methods, state.now())
                .await?
        {
            return Ok(Json(SessionView {
                user: UserView::from(&user),
                csrf_token: current.csrf_token.clone(),
            })
            .into_response());
        }
        session::end(&state, &current.token_hash).await?;
    }
    let (token, s) = session::start_from(&state, &user, methods, &device).await?;
    let mut response = Json(SessionView {
        user: UserView::from(&user),
        csrf_token: s.csrf_secret,
    })
    .into_response();
    let cookie: HeaderValue = session_cookie(&state, &token)?;
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}
