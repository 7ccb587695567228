//! The routes of the authentication pages beyond sign-in and sign-up: the
//! second sign-in step, step-up, and the account's sign-in methods.

use axum::routing::{get, post};
use axum::Router;

use super::{auth_code, security, step_up};
use crate::state::AppState;

/// The authentication pages' routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/sign-in/code",
            get(auth_code::page).post(auth_code::submit),
        )
        .route("/step-up", get(step_up::page).post(step_up::submit))
        .route("/account/security", get(security::show))
        .route(
            "/account/password",
            get(super::password::show).post(super::password::change),
        )
        .route(
            "/account/totp",
            get(security::enrol_page).post(security::confirm),
        )
        .route("/account/totp/remove", post(security::remove))
        .route(
            "/account/passkeys/{id}/remove",
            post(security::remove_passkey),
        )
        .route(
            "/account/sessions/{id}/revoke",
            post(security::revoke_session),
        )
}
