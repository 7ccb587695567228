//! The home page: what civis is, for a resident.

use askama::Template;
use axum::http::Uri;
use axum::response::Response;

use super::layout::Chrome;
use crate::auth::MaybeUser;
use crate::error::AppError;
use crate::i18n::Lang;

/// `templates/home.html`.
#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    /// The page frame.
    pub c: Chrome,
}

/// `GET /`.
pub async fn show(lang: Lang, uri: Uri, me: MaybeUser) -> Result<Response, AppError> {
    let c = Chrome::new(lang, &uri, me.user.as_ref(), me.csrf_token);
    super::render(&HomePage { c })
}
