//! The civis web server: HTML pages, the JSON API under `/api/v1`, authentication, and
//! operations endpoints, assembled by [`build_app`] and run by [`serve`].
//!
//! Layers, outermost first: tracing, request metrics, security headers, compression,
//! the body limit, HTML error pages (outside `/api/`), authentication and CSRF
//! ([`auth::middleware::authenticate`]); then the routes. Errors follow the policy in
//! [`error`].

pub mod api;
pub mod assets;
pub mod auth;
pub mod ballot;
pub mod budget;
pub mod error;
pub mod i18n;
pub mod oidc;
pub mod ops;
pub mod pages;
pub mod register;
pub mod security;
pub mod state;
pub mod tlog;

use std::future::Future;
use std::net::SocketAddr;

use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;
use utoipa_swagger_ui::SwaggerUi;

pub use error::{AppError, AppResult};
pub use state::{AppState, WebConfig};

/// Largest request body accepted, in bytes; larger bodies get `413`.
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;

/// The API routes (without layers or state), as registered: used by [`build_app`] and by
/// tests that compare the OpenAPI document with the routes really served.
pub fn api_routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    api::router().split_for_parts()
}

/// Builds the whole application: pages, API, docs, operations endpoints and all layers.
pub fn build_app(state: AppState) -> Router {
    routes()
        .layer(from_fn_with_state(
            state.clone(),
            auth::middleware::authenticate,
        ))
        .layer(from_fn(error::html_error_pages))
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .layer(CompressionLayer::new())
        .layer(from_fn(security::security_headers))
        .layer(from_fn_with_state(state.clone(), ops::track_metrics))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Every route of the application (pages, API, docs, operations), without the outer layers.
pub fn routes() -> Router<AppState> {
    let (api, openapi) = api_routes();
    let openapi_json = Json(openapi);
    Router::new()
        .merge(ops::router())
        .merge(api)
        .route(
            api::OPENAPI_PATH,
            get(move || {
                let doc = openapi_json.clone();
                async move { doc.into_response() }
            }),
        )
        .merge(
            SwaggerUi::new("/api/docs").config(utoipa_swagger_ui::Config::from(api::OPENAPI_PATH)),
        )
        .merge(oidc::router())
        .merge(tlog::router())
        .merge(pages::router())
        .merge(assets::router())
        .fallback(error::not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .route_layer(from_fn(ops::note_matched_route))
}

async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}

/// Serves `app` on `listener` until `shutdown` completes, then finishes the requests in
/// flight (graceful shutdown).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// A future that completes on Ctrl-C (SIGINT) or SIGTERM. The signal handlers are
/// installed when this function is called (not when the future is first polled), so a
/// signal that arrives while the server is still starting is not lost.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            match (interrupt, terminate) {
                (Ok(mut int), Ok(mut term)) => {
                    tokio::select! {
                        _ = int.recv() => tracing::info!("Ctrl-C received, shutting down"),
                        _ = term.recv() => tracing::info!("SIGTERM received, shutting down"),
                    }
                }
                (Err(e), _) | (_, Err(e)) => {
                    tracing::error!(error = %e, "cannot listen for signals; stop with SIGKILL");
                    std::future::pending::<()>().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    {
        async {
            if let Err(e) = tokio::signal::ctrl_c().await {
                tracing::error!(error = %e, "cannot listen for Ctrl-C");
                std::future::pending::<()>().await;
            }
            tracing::info!("Ctrl-C received, shutting down");
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn routes_assemble_without_conflicts() {
        let router = super::routes();
        let text = format!("{router:?}");
        assert!(text.contains("/api/v1/users/{username}/role"), "{text}");
    }
}
