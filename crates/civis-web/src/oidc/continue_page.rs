//! The "Continue to the service" page: how the provider hands a code (or an
//! error) to a client service after one of its own forms was submitted.
//!
//! The pages' Content-Security-Policy has `form-action 'self'`, and browsers
//! apply `form-action` to every redirect that follows a form submission. A
//! `303` from the consent form (or from the sign-in form, through
//! `/oidc/resume`) to the service's redirect URI, on another origin, would
//! be blocked. So after a form, the provider answers with this same-origin
//! page instead; its link (a plain navigation, which `form-action` does not
//! govern) takes the resident to the redirect URI with `code`, `state` and
//! `iss`. Requests that come straight from a service keep the `302` of
//! RFC 6749 §4.1.2. No JavaScript is needed.

use askama::Template;
use axum::http::{header, HeaderValue, Uri};
use axum::response::Response;

use crate::auth::extract::AuthContext;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::layout::Chrome;

/// What the link carries to the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// An authorization code.
    Code,
    /// An error (the resident refused, or the request cannot be granted).
    Error,
}

/// `templates/oidc_continue.html`.
#[derive(Template)]
#[template(path = "oidc_continue.html")]
pub struct ContinuePage {
    /// The page frame.
    pub c: Chrome,
    /// The heading (and title).
    pub heading: String,
    /// What happened, in one sentence.
    pub message: String,
    /// The link's text.
    pub link: String,
    /// The redirect URI with the response parameters.
    pub location: String,
}

/// Renders the page that sends the resident on to `location` (a verified
/// redirect URI of the service `service`, with the response parameters).
pub fn render(
    lang: Lang,
    ctx: &AuthContext,
    service: &str,
    location: &str,
    outcome: Outcome,
) -> Result<Response, AppError> {
    // The language links lead home: this page answers a form and its code
    // can be used once, so it has no address of its own to show again.
    let mut c = Chrome::new(
        lang,
        &Uri::from_static("/"),
        ctx.signed_in.as_ref().map(|s| &s.user),
        ctx.csrf_token.clone(),
    );
    c.path = "/oidc/continue".to_owned();
    let (heading, message, link) = match outcome {
        Outcome::Code => (
            "oidc-continue-title",
            "oidc-continue-signed-in",
            "oidc-continue-link",
        ),
        Outcome::Error => (
            "oidc-continue-return-title",
            "oidc-continue-refused",
            "oidc-continue-return-link",
        ),
    };
    let page = ContinuePage {
        heading: c.l.t1(heading, "service", service),
        message: c.l.t1(message, "service", service),
        link: c.l.t1(link, "service", service),
        location: location.to_owned(),
        c,
    };
    let mut res = crate::pages::render(&page)?;
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
