//! The public audit log over HTTP: a C2SP tlog-tiles log of every
//! administrative audit event (see `civis_store::audit_log` for what an entry
//! holds), readable by anyone without signing in.
//!
//! * `GET /log/audit/checkpoint`: the signed tree head, a C2SP checkpoint
//!   signed with the log's Ed25519 key (not cached);
//! * `GET /log/audit/tile/<L>/<N>[.p/<W>]`: hash tiles;
//! * `GET /log/audit/tile/entries/<N>[.p/<W>]`: entry bundles;
//! * `GET /log/audit/key`: the log's verifier key (`name+id+key`), for
//!   clients that trust it on first use (pin it out of band for real assurance);
//! * proofs as JSON in the API: `/api/v1/log/audit/proof/…` (`api::log`).
//!
//! Full tiles and bundles never change and are served as immutable; partial
//! ones (a width below 256) are cached briefly.
//!
//! The signing key is the `audit_log.signing_key` setting (a note signer key
//! `PRIVATE+KEY+<name>+<id>+<key>`) if given, otherwise one generated on first
//! use and kept in the database (`tlog_keys`), so every server sharing the
//! database signs with the same key. The key name is the checkpoint origin:
//! the public URL without its scheme, followed by `/log/audit`.

pub mod proofs;
pub mod resources;

use axum::routing::get;
use axum::Router;
use civis_tlog::NoteSigner;
use tokio::sync::OnceCell;

use crate::error::AppError;
use crate::state::AppState;

/// Settings of the transparency logs.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct LogConfig {
    /// The audit log's signer key (`PRIVATE+KEY+…`); `None`: generated once and
    /// kept in the database.
    pub signing_key: Option<String>,
}

impl std::fmt::Debug for LogConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogConfig")
            .field(
                "signing_key",
                &self.signing_key.as_ref().map(|_| "<secret>"),
            )
            .finish()
    }
}

/// What a process caches: the signer, which never changes once chosen.
#[derive(Default)]
pub struct LogState {
    signer: OnceCell<NoteSigner>,
}

impl std::fmt::Debug for LogState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogState").finish_non_exhaustive()
    }
}

/// The audit log's origin (and key name) for a public URL:
/// `https://civis.example.org/` gives `civis.example.org/log/audit`.
pub fn audit_origin(public_url: &str) -> String {
    let without_scheme = public_url
        .split_once("://")
        .map_or(public_url, |(_, rest)| rest);
    format!("{}/log/audit", without_scheme.trim_end_matches('/'))
}

/// The audit log's signer: from the settings, or the one stored in the
/// database (stored on first use).
pub async fn signer(state: &AppState) -> Result<&NoteSigner, AppError> {
    state
        .log()
        .signer
        .get_or_try_init(|| async {
            if let Some(key) = &state.config().audit_log.signing_key {
                return NoteSigner::parse(key).map_err(|e| {
                    AppError::Internal(anyhow::anyhow!("audit_log.signing_key: {e}"))
                });
            }
            let origin = audit_origin(&state.config().public_url);
            let candidate = NoteSigner::generate(&origin)
                .map_err(|e| AppError::Internal(anyhow::anyhow!("log key generation: {e}")))?;
            let stored = state
                .store()
                .tlog_signing_key(civis_store::AUDIT_LOG, &candidate.encode(), state.now())
                .await?;
            NoteSigner::parse(&stored)
                .map_err(|e| AppError::Internal(anyhow::anyhow!("stored log key: {e}")))
        })
        .await
}

/// The public log routes (the API's proof routes are in `api::log`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/log/audit/checkpoint", get(resources::checkpoint))
        .route("/log/audit/key", get(resources::verifier_key))
        .route("/log/audit/tile/{*path}", get(resources::tile))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_drop_the_scheme_and_trailing_slash() {
        assert_eq!(
            audit_origin("https://civis.example.org/"),
            "civis.example.org/log/audit"
        );
        assert_eq!(
            audit_origin("http://127.0.0.1:8080"),
            "127.0.0.1:8080/log/audit"
        );
        assert_eq!(
            audit_origin("https://example.org/city"),
            "example.org/city/log/audit"
        );
    }

    #[test]
    fn the_key_is_not_in_debug_output() {
        let c = LogConfig {
            signing_key: Some("PRIVATE+KEY+x+00000000+AAAA".into()),
        };
        assert!(!format!("{c:?}").contains("PRIVATE"));
    }
}
