//! `GET|POST /oidc/userinfo`: the claims of the consented scopes, for a valid
//! access token (RFC 6750 Bearer, in the header or, with `POST`, the form body).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use civis_oidc::claims::{userinfo as release, Person};
use civis_oidc::scope::Scope;
use civis_oidc::{ErrorCode, OAuthError};
use civis_store::oidc::OidcTokenKind;

use super::respond::{self, bearer_error};
use crate::error::AppError;
use crate::state::AppState;

/// The access token of the request: `Authorization: Bearer …`, or the
/// `access_token` field of a form body. `Err` when it is sent twice.
fn bearer(headers: &HeaderMap, body: &[u8]) -> Result<Option<String>, OAuthError> {
    let from_header = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, token) = v.trim().split_once(' ')?;
            scheme
                .eq_ignore_ascii_case("bearer")
                .then(|| token.trim().to_owned())
        });
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    let from_body = if is_form {
        url::form_urlencoded::parse(body)
            .find(|(k, _)| k == "access_token")
            .map(|(_, v)| v.into_owned())
    } else {
        None
    };
    match (from_header, from_body) {
        (Some(_), Some(_)) => Err(OAuthError::invalid_request(
            "send the access token once, in the header or the body",
        )),
        (Some(t), None) | (None, Some(t)) => Ok(Some(t)),
        (None, None) => Ok(None),
    }
}

/// `GET|POST /oidc/userinfo`.
pub async fn userinfo(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    match run(&state, &headers, &body).await {
        Ok(res) => res,
        Err(e) => respond::oauth_error(&respond::from_app_error(e), false),
    }
}

async fn run(state: &AppState, headers: &HeaderMap, body: &[u8]) -> Result<Response, AppError> {
    let token = match bearer(headers, body) {
        Ok(Some(t)) => t,
        Ok(None) => return Ok(bearer_error(None)),
        Err(e) => return Ok(bearer_error(Some(&e))),
    };
    let invalid = OAuthError::new(
        ErrorCode::InvalidToken,
        "the access token is invalid, expired or revoked",
    );
    let Some((stored, user)) = state
        .store()
        .oidc_token_holder(&super::digest(&token))
        .await?
    else {
        return Ok(bearer_error(Some(&invalid)));
    };
    if stored.kind != OidcTokenKind::Access || !stored.is_active(state.now()) {
        return Ok(bearer_error(Some(&invalid)));
    }
    if !stored.scopes.contains(Scope::OpenId) {
        return Ok(bearer_error(Some(&OAuthError::new(
            ErrorCode::InsufficientScope,
            "the token was not issued for the openid scope",
        ))));
    }
    // Register claims (given and family name, birth date, address) come from
    // the resident register once an account is linked to a record: fill
    // `given_name`, `family_name`, `birthdate` and `address` here from
    // `RegisterStore::linked_record` when it exists.
    let person = Person {
        name: user.display_name.to_string(),
        preferred_username: user.username.to_string(),
        ..Person::default()
    };
    let claims = release(&stored.sub, stored.scopes, &person);
    Ok(respond::json_no_store(StatusCode::OK, &claims))
}
