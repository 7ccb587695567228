//! `GET /processes`: the participatory budgeting processes and the phase each is in.

use askama::Template;
use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;

use super::budget::{manages, reads_all, ProcessSummary};
use super::layout::Chrome;
use crate::auth::MaybeUser;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

/// `templates/budget_list.html`.
#[derive(Template)]
#[template(path = "budget_list.html")]
pub struct ListPage {
    /// The page frame.
    pub c: Chrome,
    /// The processes the visitor may see, newest first.
    pub processes: Vec<ProcessSummary>,
    /// Whether to offer "create a process".
    pub can_create: bool,
}

/// `GET /processes`.
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: MaybeUser,
) -> Result<Response, AppError> {
    let c = Chrome::new(lang, &uri, me.user.as_ref(), me.csrf_token);
    let now = state.now();
    let staff = reads_all(me.user.as_ref());
    let processes = state
        .store()
        .list_processes()
        .await?
        .iter()
        .map(|p| ProcessSummary::new(&c.l, p, now))
        .filter(|p| staff || p.phase != "upcoming")
        .collect();
    let page = ListPage {
        can_create: manages(me.user.as_ref()),
        processes,
        c,
    };
    super::render(&page)
}
