//! The OpenID Connect provider's HTTP side. The protocol decisions are made
//! by `civis-oidc`; this module reads the database, the clock and the
//! session, signs with OpenSSL, and answers.
//!
//! Endpoints (all under the issuer, [`crate::WebConfig::public_url`]):
//!
//! * `GET /.well-known/openid-configuration` and `GET /oidc/jwks`
//!   ([`discovery`]);
//! * `GET|POST /oidc/authorize` ([`authorize`]), `GET /oidc/resume` (the same
//!   request after the provider's sign-in form) and `POST /oidc/consent`
//!   ([`consent`]): the resident's side, with pages; after one of the
//!   provider's own forms the client is answered through a "Continue" page
//!   ([`continue_page`]);
//! * `POST /oidc/token` ([`token`]), `GET|POST /oidc/userinfo` ([`userinfo`]),
//!   `POST /oidc/revoke` and `POST /oidc/introspect` ([`revoke`]): for client
//!   services, answering JSON with the standards' error codes ([`respond`]);
//!   exempt from the CSRF check (they use no cookie) and from the HTML error
//!   pages.
//!
//! State lives in the database only: codes, tokens, consents, signing keys
//! and the server-wide secrets; [`OidcState`] caches what never changes once
//! stored (the secrets and each slot's signing key) and, for a second at most,
//! the registered clients ([`client_cache`]).

pub mod authorize;
pub mod client_cache;
pub mod clients;
pub mod consent;
pub mod continue_page;
pub mod discovery;
pub mod keys;
pub mod respond;
pub mod revoke;
pub mod token;
pub mod userinfo;

use axum::routing::{get, post};
use axum::Router;
use tokio::sync::OnceCell;

use crate::error::AppError;
use crate::state::AppState;

/// Settings of the provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcConfig {
    /// A new signing key every this many days (`oidc.key_rotation_days`).
    pub key_rotation_days: i64,
    /// Lifetime of an authorization code, seconds.
    pub code_ttl_secs: i64,
    /// Lifetime of an access token, seconds.
    pub access_token_ttl_secs: i64,
    /// Lifetime of an ID token, seconds.
    pub id_token_ttl_secs: i64,
    /// Lifetime of a refresh token, seconds.
    pub refresh_token_ttl_secs: i64,
}

impl Default for OidcConfig {
    fn default() -> Self {
        Self {
            key_rotation_days: 30,
            code_ttl_secs: 60,
            access_token_ttl_secs: 600,
            id_token_ttl_secs: 600,
            refresh_token_ttl_secs: 30 * 24 * 60 * 60,
        }
    }
}

impl OidcConfig {
    /// The signing key schedule these settings give.
    pub fn key_schedule(&self) -> civis_oidc::keys::KeySchedule {
        civis_oidc::keys::KeySchedule::new(self.key_rotation_days, self.id_token_ttl_secs)
    }
}

/// What the provider caches in a process: values that never change once stored.
#[derive(Default)]
pub struct OidcState {
    pairwise_secret: OnceCell<Vec<u8>>,
    ticket_secret: OnceCell<Vec<u8>>,
    keys: keys::KeyCache,
    clients: client_cache::ClientCache,
}

impl std::fmt::Debug for OidcState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OidcState { .. }")
    }
}

impl OidcState {
    /// The signing key cache.
    pub fn keys(&self) -> &keys::KeyCache {
        &self.keys
    }

    /// The client cache.
    pub fn clients(&self) -> &client_cache::ClientCache {
        &self.clients
    }
}

async fn secret(
    state: &AppState,
    cell: &OnceCell<Vec<u8>>,
    name: &str,
) -> Result<Vec<u8>, AppError> {
    cell.get_or_try_init(|| async {
        let candidate: [u8; 32] = rand::random();
        state
            .store()
            .oidc_secret(name, &candidate, state.now())
            .await
            .map_err(AppError::from)
    })
    .await
    .cloned()
}

/// The server-wide key of pairwise subject identifiers (created on first use).
pub async fn pairwise_secret(state: &AppState) -> Result<Vec<u8>, AppError> {
    secret(state, &state.oidc().pairwise_secret, "pairwise_subject").await
}

/// The server-wide key of re-authentication tickets (created on first use).
pub async fn ticket_secret(state: &AppState) -> Result<Vec<u8>, AppError> {
    secret(state, &state.oidc().ticket_secret, "reauth_ticket").await
}

/// The issuer identifier: the public URL, without a trailing slash.
pub fn issuer(state: &AppState) -> String {
    state.config().public_url.trim_end_matches('/').to_owned()
}

/// Paths answered to programs (JSON errors, no HTML error pages, no CSRF check).
pub fn is_machine_path(path: &str) -> bool {
    matches!(
        path,
        "/.well-known/openid-configuration"
            | "/oidc/jwks"
            | "/oidc/token"
            | "/oidc/userinfo"
            | "/oidc/revoke"
            | "/oidc/introspect"
    )
}

/// Paths whose state-changing requests need no CSRF token: the machine
/// endpoints, and `/oidc/authorize`, which client services may `POST` to
/// (it changes nothing by itself; the consent form has its own token).
pub fn is_csrf_exempt(path: &str) -> bool {
    is_machine_path(path) || path == "/oidc/authorize"
}

/// The provider's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/.well-known/openid-configuration",
            get(discovery::configuration),
        )
        .route("/oidc/jwks", get(discovery::jwks))
        .route(
            "/oidc/authorize",
            get(authorize::authorize_get).post(authorize::authorize_post),
        )
        .route("/oidc/resume", get(authorize::resume_get))
        .route("/oidc/consent", post(consent::decide))
        .route("/oidc/token", post(token::token))
        .route(
            "/oidc/userinfo",
            get(userinfo::userinfo).post(userinfo::userinfo),
        )
        .route("/oidc/revoke", post(revoke::revoke))
        .route("/oidc/introspect", post(revoke::introspect))
}

/// SHA-256 of a code or token: the only form stored.
pub fn digest(secret: &str) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    Sha256::digest(secret.as_bytes()).into()
}
