//! The HTML error pages (404, 403, 500, ...), translated.
//!
//! The error policy in [`crate::error`] decides the status and builds a problem document;
//! [`render_problem`] turns that document into the page a browser shows.

use askama::Template;
use axum::http::Uri;

use super::budget_messages;
use super::layout::Chrome;
use crate::budget::refusals::Refusal;
use crate::error::Problem;
use crate::i18n::Lang;

/// `templates/error.html`.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    /// The page frame.
    pub c: Chrome,
    /// The heading (also the title).
    pub heading: String,
    /// What happened and what to do.
    pub message: String,
    /// The support reference of a server error, if any.
    pub reference: Option<String>,
    /// A link to where the problem is solved (`href`, text), if there is one.
    pub action: Option<(String, String)>,
}

/// Where a credential problem is solved, and the link's message id.
fn action(slug: &str) -> Option<(&'static str, &'static str)> {
    match slug {
        "passkey-required" | "last-passkey" => Some(("/account/security", "error-passkey-action")),
        "reauth-required" => Some((
            "/step-up?reauth=1&return_to=/account/security",
            "error-reauth-action",
        )),
        _ => None,
    }
}

/// The message ids of the heading and the text for a problem type slug.
fn keys(slug: &str, status: u16) -> (&'static str, &'static str) {
    match slug {
        "not-found" => ("error-not-found-title", "error-not-found-text"),
        "forbidden" => ("error-forbidden-title", "error-forbidden-text"),
        "csrf" => ("error-forbidden-title", "error-csrf-text"),
        "passkey-required" => ("error-passkey-title", "error-passkey-text"),
        "reauth-required" => ("error-reauth-title", "error-reauth-text"),
        "last-passkey" => ("error-last-passkey-title", "error-last-passkey-text"),
        "unauthorized" | "invalid-credentials" => {
            ("error-unauthorized-title", "error-unauthorized-text")
        }
        "method-not-allowed" => ("error-method-title", "error-method-text"),
        "payload-too-large" => ("error-too-large-title", "error-too-large-text"),
        "too-many-requests" => ("error-too-many-title", "error-too-many-text"),
        "unavailable" => ("error-unavailable-title", "error-unavailable-text"),
        _ if status >= 500 => ("error-internal-title", "error-internal-text"),
        _ => ("error-bad-request-title", "error-bad-request-text"),
    }
}

/// The support reference quoted in a server error's detail (`… Reference: abc123.`).
fn reference(detail: &str) -> Option<String> {
    let (_, tail) = detail.rsplit_once("Reference: ")?;
    let id: String = tail
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    (!id.is_empty()).then_some(id)
}

/// The error page for `problem`, in `lang`, for a request to `uri`; a refusal of the
/// budget service (wrong phase, not eligible) is said in full.
pub fn render_problem(
    lang: Lang,
    uri: &Uri,
    problem: &Problem,
    refusal: Option<&Refusal>,
) -> String {
    let slug = problem.problem_type.rsplit(':').next().unwrap_or_default();
    let (heading, text) = keys(slug, problem.status);
    let c = Chrome::bare(lang, uri);
    let (heading, message) = match refusal {
        Some(r @ Refusal::Phase(_)) => (
            c.l.t("pbm-error-wrong-phase-title"),
            budget_messages::refusal(&c.l, r).text(&c.l),
        ),
        Some(r @ Refusal::Ineligible(_)) => (
            c.l.t("pbm-error-not-eligible-title"),
            budget_messages::refusal(&c.l, r).text(&c.l),
        ),
        None => (c.l.t(heading), c.l.t(text)),
    };
    let page = ErrorPage {
        action: action(slug).map(|(href, key)| (href.to_owned(), c.l.t(key))),
        heading,
        message,
        reference: if problem.status >= 500 {
            reference(&problem.detail)
        } else {
            None
        },
        c,
    };
    page.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "error page template failed");
        format!(
            "<!doctype html><html lang=\"en\"><title>{0}</title><h1>{0}</h1></html>",
            problem.status
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_support_reference() {
        assert_eq!(
            reference("Something went wrong on our side. Reference: 0a1b2c3d4e5f6789."),
            Some("0a1b2c3d4e5f6789".to_owned())
        );
        assert_eq!(reference("There is nothing here."), None);
    }
}
