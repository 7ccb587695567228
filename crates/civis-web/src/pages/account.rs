//! The account page: your profile, your role, your active sessions.

use askama::Template;
use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;

use civis_domain::Timestamp;

use super::dates::{show_date, show_time};
use super::layout::{role_key, Chrome};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

/// An instant as the sessions table shows it: the day, then the time on its own line.
#[derive(Debug, Clone)]
pub struct When {
    /// RFC 3339, for `<time datetime>`.
    pub iso: String,
    /// `2026-11-26`.
    pub date: String,
    /// `19:40 UTC`.
    pub time: String,
}

impl From<Timestamp> for When {
    fn from(t: Timestamp) -> Self {
        When {
            iso: t.to_string(),
            date: show_date(t),
            time: show_time(t),
        }
    }
}

/// One row of the sessions table.
#[derive(Debug, Clone)]
pub struct SessionRow {
    /// When it started.
    pub created_at: When,
    /// When it was last used.
    pub last_seen_at: When,
    /// When it ends.
    pub expires_at: When,
    /// Whether it is the session of this request.
    pub current: bool,
}

/// `templates/account.html`.
#[derive(Template)]
#[template(path = "account.html")]
pub struct AccountPage {
    /// The page frame.
    pub c: Chrome,
    /// Login name.
    pub username: String,
    /// Name shown to others.
    pub display_name: String,
    /// The role, translated.
    pub role_name: String,
    /// What the role may do, translated.
    pub role_explained: String,
    /// Account creation instant (RFC 3339, for `<time datetime>`).
    pub created_at: String,
    /// Account creation date as shown.
    pub created_at_text: String,
    /// Active sessions.
    pub sessions: Vec<SessionRow>,
}

/// `GET /account`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: CurrentUser,
) -> Result<Response, AppError> {
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    let sessions = state
        .store()
        .list_user_sessions(me.user.id, state.now())
        .await?
        .into_iter()
        .map(|s| SessionRow {
            created_at: When::from(s.created_at),
            last_seen_at: When::from(s.last_seen_at),
            expires_at: When::from(s.expires_at),
            current: s.token_hash == me.token_hash,
        })
        .collect();
    // The role the account holds, also while this session may not use it yet.
    let role = me.held_role();
    let page = AccountPage {
        username: me.user.username.to_string(),
        display_name: me.user.display_name.to_string(),
        role_name: c.l.t(role_key(role)),
        role_explained: c.l.t(&format!("{}-explained", role_key(role))),
        created_at: me.user.created_at.to_string(),
        created_at_text: show_date(me.user.created_at),
        sessions,
        c,
    };
    super::render(&page)
}
