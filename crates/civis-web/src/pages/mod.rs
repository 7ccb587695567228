//! The HTML pages: server-rendered, translated, usable without JavaScript.
//!
//! Every page extends `templates/base.html` through [`layout::Chrome`]; every POST form
//! carries the CSRF token; forms that fail validation come back (422) with each message
//! next to its field and in a summary at the top, keeping what was typed except passwords.

pub mod account;
pub mod audit;
pub mod auth;
pub mod auth_code;
pub mod auth_routes;
pub mod budget;
pub mod budget_ballot;
pub mod budget_list;
pub mod budget_messages;
pub mod budget_official;
pub mod budget_paper;
pub mod budget_process;
pub mod budget_process_form;
pub mod budget_profile;
pub mod budget_proposal_forms;
pub mod budget_results;
pub mod budget_trustee;
pub mod budget_vote;
pub mod budget_vote_sealed;
pub mod budget_why;
pub mod budget_words;
pub mod dates;
pub mod enrolment;
pub mod error;
pub mod form;
pub mod home;
pub mod identity;
pub mod layout;
pub mod messages;
pub mod multipart;
pub mod oidc_clients;
pub mod paging;
pub mod password;
pub mod recovery;
pub mod register;
pub mod register_grants;
pub mod security;
pub mod step_up;
pub mod users;

use askama::Template;
use axum::http::StatusCode;
use axum::middleware::from_fn;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::error::AppError;
use crate::i18n;
use crate::state::AppState;

/// The routes of all HTML pages, behind the language switcher.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::show))
        .route("/sign-in", get(auth::sign_in_page).post(auth::sign_in))
        .route("/sign-up", get(auth::sign_up_page).post(auth::sign_up))
        .route("/sign-out", post(auth::sign_out))
        .route("/account", get(account::show))
        .route("/admin/users", get(users::list).post(users::create))
        .route("/admin/users/{id}/role", post(users::change_role))
        .route("/audit", get(audit::list))
        .route(
            "/admin/oidc-clients",
            get(oidc_clients::list).post(oidc_clients::create),
        )
        .route(
            "/admin/oidc-clients/{id}",
            get(oidc_clients::show).post(oidc_clients::save),
        )
        .route(
            "/admin/oidc-clients/{id}/secret",
            post(oidc_clients::new_secret),
        )
        .merge(budget::router())
        .merge(auth_routes::router())
        .merge(register_routes())
        .layer(from_fn(i18n::switch_language))
}

/// The resident register pages (officials with grants; grants for admins).
fn register_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/register/import",
            post(register::import).layer(axum::extract::DefaultBodyLimit::max(
                crate::api::register::REGISTER_UPLOAD_LIMIT_BYTES,
            )),
        )
        .route("/admin/register", get(register::show))
        .route("/admin/register/search", post(register::search))
        .route(
            "/admin/register/records/{id}",
            get(register::ask_purpose).post(register::show_record),
        )
        .route(
            "/admin/register/grants",
            get(register_grants::list).post(register_grants::change),
        )
        .route("/identity", get(identity::show))
        .route("/identity/letter", post(identity::letter))
        .route("/identity/sms", post(identity::sms))
        .route("/admin/enrolment", get(enrolment::show))
        .route("/admin/enrolment/check", post(enrolment::check))
        .route("/admin/enrolment/verify", post(enrolment::verify))
        .route("/admin/enrolment/letters", post(enrolment::print_letters))
        .route(
            "/admin/recovery",
            get(recovery::issue_form).post(recovery::issue),
        )
        .route(
            "/recover",
            get(recovery::recover_form).post(recovery::recover),
        )
}

/// Renders a page template as a `200 OK` HTML response.
pub fn render(page: &impl Template) -> Result<Response, AppError> {
    render_with(StatusCode::OK, page)
}

/// Renders a page template as an HTML response with `status` (422 for a form with errors).
pub fn render_with(status: StatusCode, page: &impl Template) -> Result<Response, AppError> {
    let html = page
        .render()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("template: {e}")))?;
    Ok((status, Html(html)).into_response())
}
