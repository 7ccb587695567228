//! HTML pages. Each page module adds its routes in [`router`].

use axum::Router;

use crate::state::AppState;

/// The routes of all HTML pages.
pub fn router() -> Router<AppState> {
    Router::new()
}
