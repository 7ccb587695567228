//! Answers to client services: JSON bodies with `Cache-Control: no-store`
//! (RFC 6749 §5.1), errors as RFC 6749 §5.2 documents with the status each
//! code calls for, and Bearer challenges for `/userinfo` (RFC 6750 §3).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use civis_oidc::wire::ErrorResponse;
use civis_oidc::{ErrorCode, OAuthError};
use serde::Serialize;

use crate::error::AppError;

/// A JSON response that no cache may keep.
pub fn json_no_store(status: StatusCode, body: &impl Serialize) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec());
    let mut res = (status, bytes).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    res
}

/// The status of an error at the token, revocation and introspection endpoints.
fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::InvalidClient | ErrorCode::InvalidToken => StatusCode::UNAUTHORIZED,
        ErrorCode::InsufficientScope => StatusCode::FORBIDDEN,
        ErrorCode::ServerError => StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::TemporarilyUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::BAD_REQUEST,
    }
}

/// An RFC 6749 §5.2 error response. `basic`: the client tried HTTP Basic, so a
/// failed authentication carries `WWW-Authenticate: Basic`.
pub fn oauth_error(e: &OAuthError, basic: bool) -> Response {
    let mut res = json_no_store(status_of(e.code), &ErrorResponse::from(e));
    if e.code == ErrorCode::InvalidClient && basic {
        res.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"civis\", charset=\"UTF-8\""),
        );
    }
    res
}

/// An RFC 6750 §3 Bearer error: `None` when the request had no token at all
/// (then the challenge names no error).
pub fn bearer_error(e: Option<&OAuthError>) -> Response {
    let (status, challenge, body) = match e {
        None => (
            StatusCode::UNAUTHORIZED,
            "Bearer realm=\"civis\"".to_owned(),
            ErrorResponse {
                error: ErrorCode::InvalidToken.as_str().into(),
                error_description: Some("an access token is required".into()),
            },
        ),
        Some(e) => (
            status_of(e.code),
            format!(
                "Bearer realm=\"civis\", error=\"{}\", error_description=\"{}\"",
                e.code, e.description
            ),
            ErrorResponse::from(e),
        ),
    };
    let mut res = json_no_store(status, &body);
    if let Ok(v) = HeaderValue::from_str(&challenge) {
        res.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
    res
}

/// An internal failure as `server_error` (or `temporarily_unavailable`), the
/// cause logged with a correlation id and never sent.
pub fn from_app_error(e: AppError) -> OAuthError {
    let problem = e.to_problem();
    let code = if problem.status == 503 {
        ErrorCode::TemporarilyUnavailable
    } else {
        ErrorCode::ServerError
    };
    OAuthError::new(code, problem.detail)
}
