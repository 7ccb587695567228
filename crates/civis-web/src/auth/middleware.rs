//! The authentication middleware: session lookup and CSRF enforcement for every request.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use civis_domain::TokenHash;

use super::cookies::{self, CSRF_COOKIE, SESSION_COOKIE};
use super::extract::AuthContext;
use super::token;
use crate::error::{is_api_path, AppError};
use crate::state::AppState;

/// Name of the form field that carries the CSRF token.
pub const CSRF_FIELD: &str = "csrf_token";
/// Name of the header that carries the CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The digest under which a session token is stored.
pub fn token_hash(token: &str) -> TokenHash {
    use sha2::{Digest, Sha256};
    TokenHash::from_bytes(Sha256::digest(token.as_bytes()).into())
}

/// Resolves the session cookie, chooses the CSRF token, and rejects state-changing
/// requests that do not send it back (see the module doc of [`crate::auth`]).
pub async fn authenticate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match authenticate_inner(state, request, next).await {
        Ok(response) => response,
        Err(err) => err.into_response(),
    }
}

async fn authenticate_inner(
    state: AppState,
    request: Request,
    next: Next,
) -> Result<Response, AppError> {
    let path = request.uri().path().to_owned();
    // The OpenID Connect endpoints for client services behave like the API:
    // no ambient credentials, no double-submit cookie.
    let machine = crate::oidc::is_machine_path(&path);
    let api = is_api_path(&path) || machine;
    // The machine endpoints authenticate the client service or its bearer token and
    // never act on a session: a session cookie sent to them is not even looked up.
    let signed_in = match cookies::get(request.headers(), SESSION_COOKIE) {
        Some(tok) if !machine && token::is_well_formed(&tok) => {
            crate::auth::session::resolve(&state, &token_hash(&tok)).await?
        }
        _ => None,
    };

    let (csrf_token, new_csrf_cookie) = match &signed_in {
        Some((_, secret)) => (secret.clone(), false),
        None => match cookies::get(request.headers(), CSRF_COOKIE) {
            Some(tok) if token::is_well_formed(&tok) => (tok, false),
            _ => (token::random_token(), true),
        },
    };

    let request = if is_state_changing(request.method()) {
        let needs_check = (signed_in.is_some() || !api) && !crate::oidc::is_csrf_exempt(&path);
        if needs_check {
            let expected = if signed_in.is_some() || !new_csrf_cookie {
                Some(csrf_token.as_str())
            } else {
                // Signed out and no double-submit cookie: nothing can match.
                None
            };
            let (request, sent) = sent_csrf_token(request).await?;
            let ok = match (expected, sent) {
                (Some(expected), Some(sent)) => token::constant_time_eq(expected, &sent),
                _ => false,
            };
            if !ok {
                tracing::info!(path = %path, "request rejected: missing or invalid CSRF token");
                return Err(AppError::CsrfRejected);
            }
            request
        } else {
            request
        }
    } else {
        request
    };

    // The credential policy (see `credential_policy`): a restricted session changes only
    // its own account, and every refusal it meets says that a passkey is needed.
    let restricted = signed_in
        .as_ref()
        .is_some_and(|(s, _)| s.held_role.is_some());
    if restricted
        && is_state_changing(request.method())
        && !super::credential_policy::write_allowed(&path)
    {
        return Err(AppError::PasskeyRequired);
    }
    let mut request = request;
    request.extensions_mut().insert(AuthContext {
        signed_in: signed_in.map(|(s, _)| s),
        csrf_token: csrf_token.clone(),
    });
    let mut response = next.run(request).await;
    let role_refused = response
        .extensions()
        .get::<crate::error::ErrorResponseInfo>()
        .is_some_and(|i| i.problem.problem_type.ends_with(":forbidden"));
    if restricted && role_refused {
        response = AppError::PasskeyRequired.into_response();
    }
    if new_csrf_cookie && !api {
        let cookie = cookies::set(
            CSRF_COOKIE,
            &csrf_token,
            state.config().session_ttl_secs,
            state.config().secure_cookies(),
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    Ok(response)
}

/// Whether the method may change state (everything but `GET`, `HEAD`, `OPTIONS`, `TRACE`).
fn is_state_changing(method: &Method) -> bool {
    !matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// The CSRF token the client sent: the `X-CSRF-Token` header, or else the `csrf_token`
/// field of a URL-encoded form body (the body is buffered and put back).
async fn sent_csrf_token(request: Request) -> Result<(Request, Option<String>), AppError> {
    if let Some(v) = request.headers().get(CSRF_HEADER) {
        let sent = v.to_str().ok().map(str::to_owned);
        return Ok((request, sent));
    }
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            ct.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        });
    if !is_form {
        return multipart_csrf_token(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, crate::BODY_LIMIT_BYTES)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    let sent = form_field(&bytes, CSRF_FIELD);
    Ok((Request::from_parts(parts, Body::from(bytes)), sent))
}

/// The `csrf_token` part of a `multipart/form-data` body (the register import's
/// upload form, the one place that sends files), buffered and put back.
async fn multipart_csrf_token(request: Request) -> Result<(Request, Option<String>), AppError> {
    let boundary = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(crate::pages::multipart::boundary);
    let Some(boundary) = boundary else {
        return Ok((request, None));
    };
    let limit = if request.uri().path().starts_with("/admin/register") {
        crate::api::register::REGISTER_UPLOAD_LIMIT_BYTES
    } else {
        crate::BODY_LIMIT_BYTES
    };
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    let sent = crate::pages::multipart::parse(&bytes, &boundary)
        .and_then(|p| crate::pages::multipart::text(&p, CSRF_FIELD));
    Ok((Request::from_parts(parts, Body::from(bytes)), sent))
}

/// The first value of `name` in a URL-encoded form body.
fn form_field(body: &[u8], name: &str) -> Option<String> {
    body.split(|b| *b == b'&').find_map(|pair| {
        let mut it = pair.splitn(2, |b| *b == b'=');
        let key = it.next()?;
        let value = it.next().unwrap_or_default();
        (key == name.as_bytes()).then(|| String::from_utf8_lossy(value).into_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_form_field() {
        assert_eq!(
            form_field(b"a=1&csrf_token=abc&b=2", CSRF_FIELD).as_deref(),
            Some("abc")
        );
        assert_eq!(form_field(b"a=1", CSRF_FIELD), None);
    }
}
