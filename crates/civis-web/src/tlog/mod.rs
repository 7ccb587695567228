//! The server's transparency logs over HTTP: C2SP tlog-tiles logs readable by
//! anyone without signing in. There are two kinds, served by one implementation
//! ([`ServedLog`] names which):
//!
//! * the global audit log of every administrative audit event (see
//!   `civis_store::audit_log` for what an entry holds), under `/log/audit`;
//! * each process with secret ballots has its own ballot log (entries in the
//!   published record's format, see `crate::ballot`), under
//!   `/log/processes/<id>`; a process without secret ballots has none (404).
//!
//! For each, under its prefix:
//!
//! * `GET …/checkpoint`: the signed tree head, a C2SP checkpoint signed with
//!   the log's Ed25519 key (not cached);
//! * `GET …/tile/<L>/<N>[.p/<W>]`: hash tiles;
//! * `GET …/tile/entries/<N>[.p/<W>]`: entry bundles;
//! * `GET …/key`: the log's verifier key (`name+id+key`), for clients that
//!   trust it on first use (pin it out of band for real assurance);
//! * proofs as JSON in the API: `/api/v1/log/audit/proof/…` and
//!   `/api/v1/processes/<id>/log/proof/…` (`api::log`).
//!
//! Full tiles and bundles never change and are served as immutable; partial
//! ones (a width below 256) are cached briefly.
//!
//! The audit log's signing key is the `audit_log.signing_key` setting (a note
//! signer key `PRIVATE+KEY+<name>+<id>+<key>`) if given; every other key is
//! generated on first use and kept in the database (`tlog_keys`), so every
//! server sharing the database signs with the same key. The key name is the
//! checkpoint origin: the public URL without its scheme, followed by the log's
//! path (`/log/audit`, `/log/processes/<id>`).

pub mod proofs;
pub mod record;
pub mod resources;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::routing::get;
use axum::Router;
use civis_budget::ProcessId;
use civis_tlog::NoteSigner;

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

/// What a server caches: each log's signer, which never changes once chosen.
#[derive(Default)]
pub struct LogState {
    signers: Mutex<HashMap<String, Arc<NoteSigner>>>,
}

impl std::fmt::Debug for LogState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogState").finish_non_exhaustive()
    }
}

/// Which log a request is about: its name in the store and its origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServedLog {
    /// The log's name in the store (`audit`, `process/<id>`).
    pub name: String,
    /// The checkpoint origin and key name.
    pub origin: String,
    /// Whether the `audit_log.signing_key` setting applies.
    audit: bool,
}

impl ServedLog {
    /// The global audit log.
    pub fn audit(state: &AppState) -> ServedLog {
        ServedLog {
            name: civis_store::AUDIT_LOG.to_owned(),
            origin: log_origin(&state.config().public_url, "log/audit"),
            audit: true,
        }
    }

    /// The ballot log of `process` (whether the process has one is the
    /// caller's to check).
    pub fn process(state: &AppState, process: ProcessId) -> ServedLog {
        ServedLog {
            name: civis_store::process_log(process),
            origin: log_origin(
                &state.config().public_url,
                &format!("log/processes/{}", process.0),
            ),
            audit: false,
        }
    }
}

/// The origin (and key name) of the log at `path` for a public URL:
/// `https://civis.example.org/` and `log/audit` give `civis.example.org/log/audit`.
pub fn log_origin(public_url: &str, path: &str) -> String {
    let without_scheme = public_url
        .split_once("://")
        .map_or(public_url, |(_, rest)| rest);
    format!("{}/{path}", without_scheme.trim_end_matches('/'))
}

/// The audit log's origin for a public URL.
pub fn audit_origin(public_url: &str) -> String {
    log_origin(public_url, "log/audit")
}

fn internal(what: &str, e: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("{what}: {e}"))
}

/// The signer of `log`: the configured audit key, or the one stored in the
/// database (stored on first use).
pub async fn signer(state: &AppState, log: &ServedLog) -> Result<Arc<NoteSigner>, AppError> {
    let cached = state
        .log()
        .signers
        .lock()
        .map_err(|_| internal("log signers", "lock poisoned"))?
        .get(&log.name)
        .cloned();
    if let Some(signer) = cached {
        return Ok(signer);
    }
    let signer = match (&state.config().audit_log.signing_key, log.audit) {
        (Some(key), true) => {
            NoteSigner::parse(key).map_err(|e| internal("audit_log.signing_key", e))?
        }
        _ => {
            let candidate =
                NoteSigner::generate(&log.origin).map_err(|e| internal("log key generation", e))?;
            let stored = state
                .store()
                .tlog_signing_key(&log.name, &candidate.encode(), state.now())
                .await?;
            NoteSigner::parse(&stored).map_err(|e| internal("stored log key", e))?
        }
    };
    let signer = Arc::new(signer);
    state
        .log()
        .signers
        .lock()
        .map_err(|_| internal("log signers", "lock poisoned"))?
        .insert(log.name.clone(), Arc::clone(&signer));
    Ok(signer)
}

/// The ballot log of the process with id `id` (as in a path), if it exists,
/// is public and has secret ballots; otherwise `NotFound`.
pub async fn process_log(state: &AppState, id: &str) -> Result<ServedLog, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    process_log_of(state, ProcessId(id)).await
}

/// The ballot log of process `id` if it is public and has secret ballots;
/// otherwise `NotFound`.
pub async fn process_log_of(state: &AppState, id: ProcessId) -> Result<ServedLog, AppError> {
    let process = crate::budget::processes::visible(state, None, id, state.now()).await?;
    if !process.settings.rules.secret_ballots {
        return Err(AppError::NotFound);
    }
    Ok(ServedLog::process(state, id))
}

/// The public log routes (the API's proof routes are in `api::log`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/log/audit/checkpoint", get(resources::audit_checkpoint))
        .route("/log/audit/key", get(resources::audit_verifier_key))
        .route("/log/audit/tile/{*path}", get(resources::audit_tile))
        .route(
            "/log/processes/{id}/checkpoint",
            get(resources::process_checkpoint),
        )
        .route(
            "/log/processes/{id}/key",
            get(resources::process_verifier_key),
        )
        .route(
            "/log/processes/{id}/tile/{*path}",
            get(resources::process_tile),
        )
        .route(
            "/log/processes/{id}/record/{*path}",
            get(record::record_file),
        )
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
