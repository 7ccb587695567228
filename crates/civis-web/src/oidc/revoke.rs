//! `POST /oidc/revoke` (RFC 7009) and `POST /oidc/introspect` (RFC 7662), for
//! confidential clients, about their own tokens only.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use civis_oidc::claims::numeric_date;
use civis_oidc::token::FormParams;
use civis_oidc::wire::IntrospectionResponse;
use civis_oidc::{Client, ClientKind, ErrorCode, OAuthError};
use civis_store::oidc::{OidcToken, OidcTokenKind};

use super::respond::{self, oauth_error};
use super::token::{authenticated_client, form_body};
use crate::error::AppError;
use crate::state::AppState;

/// The authenticated confidential client and the `token` parameter.
async fn client_and_token(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Result<(Client, FormParams, String), (OAuthError, bool)>, AppError> {
    let form = match form_body(headers, body) {
        Ok(f) => f,
        Err(e) => return Ok(Err((e, false))),
    };
    if let Err(e) = form.check_not_repeated() {
        return Ok(Err((e, false)));
    }
    let (client, auth) = match authenticated_client(state, headers, &form).await? {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    if client.settings.kind != ClientKind::Confidential {
        return Ok(Err((
            OAuthError::new(
                ErrorCode::UnauthorizedClient,
                "only confidential clients may use this endpoint",
            ),
            auth.is_basic(),
        )));
    }
    let Some(token) = form.get("token").map(str::to_owned) else {
        return Ok(Err((
            OAuthError::invalid_request("token is missing"),
            auth.is_basic(),
        )));
    };
    if let Some(hint) = form.get("token_type_hint") {
        if OidcTokenKind::parse(hint).is_none() {
            return Ok(Err((
                OAuthError::new(
                    ErrorCode::UnsupportedTokenType,
                    "token_type_hint must be access_token or refresh_token",
                ),
                auth.is_basic(),
            )));
        }
    }
    Ok(Ok((client, form, token)))
}

fn finish(outcome: Result<Result<Response, (OAuthError, bool)>, AppError>) -> Response {
    match outcome {
        Ok(Ok(res)) => res,
        Ok(Err((e, basic))) => oauth_error(&e, basic),
        Err(e) => oauth_error(&respond::from_app_error(e), false),
    }
}

/// `POST /oidc/revoke`: revokes one of the client's tokens (a refresh token
/// with every token of its grant). Unknown tokens, and other clients' tokens,
/// are answered `200` too, revealing nothing (RFC 7009 §2.2).
pub async fn revoke(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    finish(run_revoke(&state, &headers, &body).await)
}

async fn run_revoke(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Result<Response, (OAuthError, bool)>, AppError> {
    let (client, _, token) = match client_and_token(state, headers, body).await? {
        Ok(x) => x,
        Err(e) => return Ok(Err(e)),
    };
    let hash = super::digest(&token);
    let now = state.now();
    if let Some(stored) = state.store().oidc_token(&hash).await? {
        if stored.client_id == client.id {
            match stored.kind {
                OidcTokenKind::Refresh => {
                    state.store().revoke_oidc_grant(&stored.grant, now).await?;
                }
                OidcTokenKind::Access => {
                    state
                        .store()
                        .revoke_oidc_token(&hash, &client.id, now)
                        .await?;
                }
            }
        }
    }
    Ok(Ok(StatusCode::OK.into_response()))
}

/// `POST /oidc/introspect`: whether one of the client's tokens is active, and
/// what it grants; `{"active": false}` for anything else.
pub async fn introspect(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    finish(run_introspect(&state, &headers, &body).await)
}

fn describe(state: &AppState, t: &OidcToken) -> IntrospectionResponse {
    IntrospectionResponse {
        active: true,
        scope: Some(t.scopes.to_scope_string()),
        client_id: Some(t.client_id.to_string()),
        token_type: Some(t.kind.as_str().to_owned()),
        exp: Some(numeric_date(t.expires_at)),
        iat: Some(numeric_date(t.issued_at)),
        sub: Some(t.sub.clone()),
        aud: Some(t.client_id.to_string()),
        iss: Some(super::issuer(state)),
        acr: Some(t.acr.acr().to_owned()),
    }
}

async fn run_introspect(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Result<Response, (OAuthError, bool)>, AppError> {
    let (client, _, token) = match client_and_token(state, headers, body).await? {
        Ok(x) => x,
        Err(e) => return Ok(Err(e)),
    };
    let stored = state.store().oidc_token(&super::digest(&token)).await?;
    let answer = match stored {
        Some(t) if t.client_id == client.id && t.is_active(state.now()) => describe(state, &t),
        _ => IntrospectionResponse::default(),
    };
    Ok(Ok(respond::json_no_store(StatusCode::OK, &answer)))
}
