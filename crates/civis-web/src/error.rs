//! The one error policy of the civis web server.
//!
//! Every handler, extractor and middleware returns [`AppError`] for anything that is not a
//! success. Its [`IntoResponse`] impl decides, in one place, what the client is told:
//!
//! * **Client errors (4xx)** are the client's to fix. They carry a human-readable `detail`
//!   and, for validation failures, one `{field, message}` entry per offending field, so the
//!   API and the forms can point at the field. Nothing is stored when a request is rejected:
//!   handlers validate (parse) all input before they write.
//! * **Server errors (5xx)** are ours. The underlying error text (SQL messages, IO errors,
//!   panics) is **never** sent to the client: it is logged at `error` level with a random
//!   correlation id, and the client gets a generic message quoting that id, so that an
//!   operator can find the log line.
//!
//! The same error is rendered two ways:
//!
//! * under `/api/` as an RFC 9457 `application/problem+json` document with `type`, `title`,
//!   `status`, `detail`, and `errors` for validation failures;
//! * for the operations endpoints (`/healthz`, `/readyz`, `/metrics`) likewise;
//! * everywhere else as an HTML error page ([`html_error_pages`] rewrites the response on its
//!   way out), except that a signed-out `GET` of a page that needs a session is redirected to
//!   the sign-in page.
//!
//! Extractor rejections (malformed JSON, wrong content type, oversized body, bad query
//! strings) are converted into `AppError` by the API extractors in `crate::api::extract`, so
//! they follow the same policy.

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use std::collections::BTreeMap;

use serde::Serialize;

use crate::budget::refusals::{BallotRefusal, Ineligible, PhaseRefusal, Refusal};
use crate::budget::settings::SettingsProblem;

/// Path of the HTML sign-in page that signed-out visitors are sent to.
pub const SIGN_IN_PATH: &str = "/sign-in";

/// Prefix of every problem `type` URI.
const PROBLEM_TYPE_PREFIX: &str = "urn:civis:problem:";

/// One field that failed validation, named as in the request (JSON key or form field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// The request field (JSON key or form field name) that was rejected.
    pub field: String,
    /// Why it was rejected, in words a person can act on.
    pub message: String,
    /// The stable code of the problem, when it has one (`over_budget`, `missing_text`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The numbers the message names (`max`, `into`, …), by name, when it has any.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, i64>,
    /// The line of an uploaded file the problem is on (file imports only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

impl FieldError {
    /// A field error for `field` with `message`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
            code: None,
            params: BTreeMap::new(),
            line: None,
        }
    }

    /// The same error with its stable `code`.
    pub fn with_code(mut self, code: &str) -> Self {
        self.code = Some(code.to_owned());
        self
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::Validation(vec![e])
    }
}

/// Everything that can go wrong while serving a request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input that parsed but is not acceptable; one entry per field.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// The request itself is malformed (for example, invalid JSON or invalid UTF-8).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The request needs a signed-in user.
    #[error("not signed in")]
    Unauthorized,
    /// Sign-in failed: unknown user or wrong password (deliberately indistinguishable).
    #[error("invalid credentials")]
    InvalidCredentials,
    /// The user is signed in but their role does not allow this.
    #[error("forbidden")]
    Forbidden,
    /// The account's role needs a passkey and this session was not authenticated with
    /// one (the credential policy, `crate::auth::credential_policy`).
    #[error("passkey required")]
    PasskeyRequired,
    /// Removing a credential needs an authentication within the last minutes
    /// (`crate::auth::credential_policy`); re-authenticate (`/step-up?reauth=1`) first.
    #[error("recent authentication required")]
    ReauthRequired,
    /// Removing this passkey would leave an account whose role needs one without any.
    #[error("last passkey")]
    LastPasskey,
    /// A state-changing request without a valid CSRF token.
    #[error("missing or invalid CSRF token")]
    CsrfRejected,
    /// Nothing here (or nothing this user may see).
    #[error("not found")]
    NotFound,
    /// The route exists but not for this method.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The request conflicts with stored state (for example, a username that is taken).
    #[error("conflict: {detail}")]
    Conflict {
        /// The field the conflict is about, when there is one.
        field: Option<String>,
        /// What conflicts.
        detail: String,
    },
    /// A ballot that does not follow the process's rules; one entry per problem, in
    /// plain words (`field` names the ballot key: `approvals`, `points` or `ranking`).
    #[error("invalid ballot")]
    InvalidBallot(BallotRefusal),
    /// Process settings with problems of meaning (phases out of order, a budget of 0,
    /// …); shown to clients exactly as [`AppError::Validation`].
    #[error("invalid settings")]
    InvalidSettings(Vec<SettingsProblem>),
    /// The user may not take part in this process (not a resident, wrong district, too
    /// young, …); the value says why.
    #[error("not eligible: {}", .0.message())]
    NotEligible(Ineligible),
    /// The process is not in a phase that allows this (e.g. voting has closed); the value
    /// says what the phase allows.
    #[error("wrong phase: {}", .0.message())]
    WrongPhase(PhaseRefusal),
    /// The process's rules are frozen (voting has opened) and can no longer change.
    #[error("rules frozen")]
    RulesFrozen,
    /// A secret-ballot request (credential, sealed submission) refused; the value says why.
    #[error("secret ballot refused: {}", .0.message())]
    SecretBallot(crate::ballot::refusal::SecretBallotRefusal),
    /// The request body is larger than the server accepts.
    #[error("payload too large")]
    PayloadTooLarge,
    /// The request body has a content type this endpoint does not accept.
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    /// Too many attempts; try again after `retry_after_secs` seconds.
    #[error("too many requests")]
    TooManyRequests {
        /// Seconds until a new attempt may succeed.
        retry_after_secs: u64,
    },
    /// A dependency (the database) is unavailable.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// Anything else: our bug or an infrastructure failure. Never shown to the client.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<civis_store::StoreError> for AppError {
    fn from(err: civis_store::StoreError) -> Self {
        use civis_store::StoreError;
        match err {
            StoreError::NotFound => Self::NotFound,
            StoreError::Conflict { field } => Self::Conflict {
                field: Some(field.to_owned()),
                detail: format!("This {field} is already taken."),
            },
            e @ StoreError::Unavailable(_) => Self::Unavailable(e.log_detail()),
            e @ StoreError::Internal(_) => Self::Internal(anyhow::anyhow!(e.log_detail())),
        }
    }
}

/// Result type of handlers.
pub type AppResult<T> = Result<T, AppError>;

/// An RFC 9457 problem document, as sent to API clients.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem, e.g. `urn:civis:problem:validation`.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong with this request.
    pub detail: String,
    /// The fields that failed validation (validation problems only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// The stable code of a refusal (`not_in_phase`, `wrong_district`, …), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// Marker placed in the extensions of every error response, so that outer layers can
/// re-render it (see [`html_error_pages`]).
#[derive(Debug, Clone)]
pub struct ErrorResponseInfo {
    /// The problem the response was built from.
    pub problem: Problem,
    /// The refusal it came from, for a page in the reader's language.
    pub refusal: Option<Refusal>,
}

impl AppError {
    /// A validation error for a single field.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }

    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Validation(_) | Self::InvalidBallot(_) | Self::InvalidSettings(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Self::NotEligible(_) => StatusCode::FORBIDDEN,
            Self::WrongPhase(_) | Self::RulesFrozen => StatusCode::CONFLICT,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized | Self::InvalidCredentials => StatusCode::UNAUTHORIZED,
            Self::Forbidden | Self::CsrfRejected | Self::PasskeyRequired => StatusCode::FORBIDDEN,
            Self::ReauthRequired => StatusCode::FORBIDDEN,
            Self::LastPasskey => StatusCode::CONFLICT,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            Self::SecretBallot(why) => {
                StatusCode::from_u16(why.status()).unwrap_or(StatusCode::CONFLICT)
            }
        }
    }

    /// Builds the client-facing problem document. Internal details are logged here, with a
    /// correlation id, and replaced by a generic message.
    pub fn to_problem(&self) -> Problem {
        let status = self.status();
        let (slug, title, detail, errors) = match self {
            Self::Validation(errors) => (
                "validation",
                "Invalid input",
                "One or more fields are invalid.".to_owned(),
                errors.clone(),
            ),
            Self::BadRequest(detail) => ("bad-request", "Bad request", detail.clone(), vec![]),
            Self::InvalidSettings(problems) => (
                "validation",
                "Invalid input",
                "One or more fields are invalid.".to_owned(),
                problems.iter().map(SettingsProblem::field_error).collect(),
            ),
            Self::InvalidBallot(refusal) => {
                let errors = refusal.field_errors();
                (
                    "invalid-ballot",
                    "Invalid ballot",
                    errors
                        .iter()
                        .map(|e| e.message.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    errors,
                )
            }
            Self::NotEligible(why) => ("not-eligible", "Not eligible", why.message(), vec![]),
            Self::WrongPhase(why) => ("wrong-phase", "Not in this phase", why.message(), vec![]),
            Self::SecretBallot(why) => (why.slug(), why.title(), why.message(), vec![]),
            Self::RulesFrozen => (
                "rules-frozen",
                "Rules frozen",
                "Voting has opened: the rules of this process are frozen and can no longer change."
                    .to_owned(),
                vec![],
            ),
            Self::Unauthorized => (
                "unauthorized",
                "Not signed in",
                "You need to sign in to do this.".to_owned(),
                vec![],
            ),
            Self::InvalidCredentials => (
                "invalid-credentials",
                "Sign-in failed",
                "The username or password is incorrect.".to_owned(),
                vec![],
            ),
            Self::Forbidden => (
                "forbidden",
                "Forbidden",
                "Your role does not allow this.".to_owned(),
                vec![],
            ),
            Self::PasskeyRequired => (
                "passkey-required",
                "Passkey required",
                "Your role needs a passkey: this session was not signed in with one. Add a \
                 passkey on /account/security if you have none, then sign in with it (or \
                 step up with it on /step-up); until then you can use only what a resident \
                 can."
                    .to_owned(),
                vec![],
            ),
            Self::ReauthRequired => (
                "reauth-required",
                "Recent authentication required",
                "Removing a sign-in method needs a recent authentication: confirm it's you \
                 on /step-up?reauth=1, then try again."
                    .to_owned(),
                vec![],
            ),
            Self::LastPasskey => (
                "last-passkey",
                "Last passkey",
                "Your role needs a passkey: add another passkey before you remove this one."
                    .to_owned(),
                vec![],
            ),
            Self::CsrfRejected => (
                "csrf",
                "Forbidden",
                "The form or request is missing a valid CSRF token. Reload the page and try again."
                    .to_owned(),
                vec![],
            ),
            Self::NotFound => (
                "not-found",
                "Not found",
                "There is nothing here.".to_owned(),
                vec![],
            ),
            Self::MethodNotAllowed => (
                "method-not-allowed",
                "Method not allowed",
                "This resource does not support that method.".to_owned(),
                vec![],
            ),
            Self::Conflict { field, detail } => (
                "conflict",
                "Conflict",
                detail.clone(),
                field
                    .iter()
                    .map(|f| FieldError::new(f.clone(), detail.clone()))
                    .collect(),
            ),
            Self::PayloadTooLarge => (
                "payload-too-large",
                "Payload too large",
                format!(
                    "The request body is larger than {} bytes.",
                    crate::BODY_LIMIT_BYTES
                ),
                vec![],
            ),
            Self::UnsupportedMediaType(detail) => (
                "unsupported-media-type",
                "Unsupported media type",
                detail.clone(),
                vec![],
            ),
            Self::TooManyRequests { retry_after_secs } => (
                "too-many-requests",
                "Too many attempts",
                format!("Too many attempts. Try again in {retry_after_secs} seconds."),
                vec![],
            ),
            Self::Unavailable(what) => {
                let id = correlation_id();
                tracing::warn!(correlation_id = %id, reason = %what, "service unavailable");
                (
                    "unavailable",
                    "Service unavailable",
                    format!("The service is temporarily unavailable. Reference: {id}."),
                    vec![],
                )
            }
            Self::Internal(err) => {
                let id = correlation_id();
                tracing::error!(correlation_id = %id, error = ?err, "internal error");
                (
                    "internal",
                    "Internal error",
                    format!("Something went wrong on our side. Reference: {id}."),
                    vec![],
                )
            }
        };
        Problem {
            problem_type: format!("{PROBLEM_TYPE_PREFIX}{slug}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail,
            errors,
            code: self
                .refusal()
                .map(|r| r.code().to_owned())
                .or_else(|| self.code().map(str::to_owned)),
        }
    }

    /// The stable code of a credential refusal (`passkey_required`, `reauth_required`,
    /// `last_passkey`).
    pub fn code(&self) -> Option<&'static str> {
        match self {
            Self::PasskeyRequired => Some("passkey_required"),
            Self::ReauthRequired => Some("reauth_required"),
            Self::LastPasskey => Some("last_passkey"),
            _ => None,
        }
    }

    /// The refusal this error carries, if it is one a page can explain.
    pub fn refusal(&self) -> Option<Refusal> {
        match self {
            Self::WrongPhase(why) => Some(Refusal::Phase(why.clone())),
            Self::NotEligible(why) => Some(Refusal::Ineligible(why.clone())),
            _ => None,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let problem = self.to_problem();
        let mut response = problem_response(&problem);
        if let Some(info) = response.extensions_mut().get_mut::<ErrorResponseInfo>() {
            info.refusal = self.refusal();
        }
        if let Self::TooManyRequests { retry_after_secs } = self {
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(retry_after_secs.max(1)),
            );
        }
        response
    }
}

/// Renders a problem document as an `application/problem+json` response.
fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).unwrap_or_else(|_| b"{}".to_vec());
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response.extensions_mut().insert(ErrorResponseInfo {
        problem: problem.clone(),
        refusal: None,
    });
    response
}

/// A random id that ties a client-visible error to the server log line.
pub fn correlation_id() -> String {
    let bytes: [u8; 8] = rand::random();
    crate::auth::token::hex(&bytes)
}

/// Fallback for unknown routes: 404 (problem+json under `/api/`, an HTML page elsewhere).
pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// Whether a request path belongs to the JSON API.
pub fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// Whether errors at `path` are for programs (problem+json: the API and the operations
/// endpoints) rather than for people (HTML pages).
pub fn is_machine_path(path: &str) -> bool {
    is_api_path(path)
        || matches!(path, "/healthz" | "/readyz" | "/metrics")
        || crate::oidc::is_machine_path(path)
}

/// Middleware: outside `/api/`, turn problem responses into HTML error pages (and send
/// signed-out page visitors to the sign-in page).
pub async fn html_error_pages(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);
    let is_get = request.method() == axum::http::Method::GET;
    let lang = crate::i18n::Lang::from_headers(request.headers());
    let uri = request.uri().clone();
    let response = next.run(request).await;
    if is_machine_path(&path) {
        return response;
    }
    let Some(info) = response.extensions().get::<ErrorResponseInfo>().cloned() else {
        return response;
    };
    if info.problem.status == StatusCode::UNAUTHORIZED.as_u16()
        && is_get
        && info.problem.problem_type.ends_with(":unauthorized")
    {
        let mut next_path = path;
        if let Some(q) = query {
            next_path.push('?');
            next_path.push_str(&q);
        }
        let target = format!("{SIGN_IN_PATH}?next={}", percent_encode(&next_path));
        return replace_body(response, Redirect::to(&target).into_response());
    }
    let status = response.status();
    let mut html = Html(crate::pages::error::render_problem(
        lang,
        &uri,
        &info.problem,
        info.refusal.as_ref(),
    ))
    .into_response();
    *html.status_mut() = status;
    let mut out = replace_body(response, html);
    out.extensions_mut().insert(info);
    out
}

/// `replacement`'s status, body and content headers, with the other headers of `original`
/// (`Set-Cookie`, `Retry-After`, …) kept.
fn replace_body(original: Response, replacement: Response) -> Response {
    let (mut parts, _) = original.into_parts();
    let (new_parts, body) = replacement.into_parts();
    parts.status = new_parts.status;
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_TYPE);
    for (name, value) in &new_parts.headers {
        parts.headers.insert(name.clone(), value.clone());
    }
    Response::from_parts(parts, body)
}

/// The HTML error page: a plain, accessible document naming the problem.
pub fn render_error_page(problem: &Problem) -> String {
    let title = escape_html(&problem.title);
    let detail = escape_html(&problem.detail);
    let mut items = String::new();
    for e in &problem.errors {
        items.push_str(&format!(
            "<li><strong>{}</strong>: {}</li>",
            escape_html(&e.field),
            escape_html(&e.message)
        ));
    }
    let list = if items.is_empty() {
        String::new()
    } else {
        format!("<ul>{items}</ul>")
    };
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{status} {title} · civis</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
<body><main id=\"main\"><h1>{title}</h1><p>{detail}</p>{list}\
<p><a href=\"/\">Back to the start page</a></p></main></body></html>\n",
        status = problem.status,
        css = crate::assets::css_href()
    )
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes everything but unreserved characters and `/`.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_hide_their_text() {
        let err = AppError::Internal(anyhow::anyhow!("password=hunter2 in SQL"));
        let problem = err.to_problem();
        assert_eq!(problem.status, 500);
        assert!(!problem.detail.contains("hunter2"));
        assert!(problem.detail.contains("Reference:"));
    }

    #[test]
    fn validation_lists_fields() {
        let err = AppError::field("username", "too short");
        let problem = err.to_problem();
        assert_eq!(problem.status, 422);
        assert_eq!(
            problem.errors,
            vec![FieldError::new("username", "too short")]
        );
        assert_eq!(problem.problem_type, "urn:civis:problem:validation");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape_html("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
