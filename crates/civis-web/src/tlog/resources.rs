//! The log's static-style resources: checkpoint, verifier key, tiles and
//! entry bundles (C2SP tlog-tiles).

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use civis_tlog::tile::{encode_bundle, encode_hash_tile};
use civis_tlog::{Hash, TileId, TileKind};

use crate::error::AppError;
use crate::state::AppState;
use crate::tlog::ServedLog;

const TEXT: &str = "text/plain; charset=utf-8";
const OCTETS: &str = "application/octet-stream";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const SHORT: &str = "public, max-age=60";
const NO_CACHE: &str = "no-cache";

/// `GET /log/audit/checkpoint`: the signed checkpoint.
pub async fn audit_checkpoint(State(state): State<AppState>) -> Result<Response, AppError> {
    checkpoint(&state, &ServedLog::audit(&state)).await
}

/// `GET /log/audit/key`: the verifier key of the log's signing key.
pub async fn audit_verifier_key(State(state): State<AppState>) -> Result<Response, AppError> {
    verifier_key(&state, &ServedLog::audit(&state)).await
}

/// `GET /log/audit/tile/…`: a hash tile or an entry bundle.
pub async fn audit_tile(
    State(state): State<AppState>,
    Path(path): Path<String>,
) -> Result<Response, AppError> {
    tile(&state, &ServedLog::audit(&state), &path).await
}

/// `GET /log/processes/{id}/checkpoint`: the ballot log's signed checkpoint.
pub async fn process_checkpoint(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let log = super::process_log(&state, &id).await?;
    checkpoint(&state, &log).await
}

/// `GET /log/processes/{id}/key`: the ballot log's verifier key.
pub async fn process_verifier_key(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let log = super::process_log(&state, &id).await?;
    verifier_key(&state, &log).await
}

/// `GET /log/processes/{id}/tile/…`: a hash tile or an entry bundle of the ballot log.
pub async fn process_tile(
    State(state): State<AppState>,
    Path((id, path)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let log = super::process_log(&state, &id).await?;
    tile(&state, &log, &path).await
}

/// The signed checkpoint of `log`.
async fn checkpoint(state: &AppState, log: &ServedLog) -> Result<Response, AppError> {
    let note = super::proofs::signed_checkpoint(state, log).await?;
    Ok(([(CONTENT_TYPE, TEXT), (CACHE_CONTROL, NO_CACHE)], note).into_response())
}

/// The verifier key of `log`'s signing key.
async fn verifier_key(state: &AppState, log: &ServedLog) -> Result<Response, AppError> {
    let signer = super::signer(state, log).await?;
    let body = format!("{}\n", signer.verifier().encode());
    Ok(([(CONTENT_TYPE, TEXT), (CACHE_CONTROL, SHORT)], body).into_response())
}

/// A hash tile or an entry bundle of `log`, full or partial, if the log has
/// all of it; otherwise 404.
pub(super) async fn tile(
    state: &AppState,
    log: &ServedLog,
    path: &str,
) -> Result<Response, AppError> {
    let id = TileId::parse(&format!("tile/{path}")).map_err(|_| AppError::NotFound)?;
    let size = super::proofs::size(state, log).await?;
    if !id.exists_in(size) {
        return Err(AppError::NotFound);
    }
    let body = match id.kind {
        TileKind::Hashes(_) => {
            let nodes = id.nodes();
            let mut found = state.store().tlog_hashes(&log.name, &nodes).await?;
            found.sort_by_key(|(node, _)| *node);
            if found.len() != nodes.len() {
                return Err(AppError::Internal(anyhow::anyhow!(
                    "log {}: tile {} has {} of {} hashes",
                    log.name,
                    id.path(),
                    found.len(),
                    nodes.len()
                )));
            }
            let hashes: Vec<Hash> = found.into_iter().map(|(_, h)| h).collect();
            encode_hash_tile(&hashes)
        }
        TileKind::Entries => {
            let range = id.entry_range();
            let entries = state
                .store()
                .tlog_entries(&log.name, range.start, range.end)
                .await?;
            if entries.len() as u64 != range.end - range.start {
                return Err(AppError::Internal(anyhow::anyhow!(
                    "log {}: bundle {} is short",
                    log.name,
                    id.path()
                )));
            }
            encode_bundle(&entries)
                .map_err(|e| AppError::Internal(anyhow::anyhow!("log {}: {e}", log.name)))?
        }
    };
    let cache = if id.is_full() { IMMUTABLE } else { SHORT };
    Ok(([(CONTENT_TYPE, OCTETS), (CACHE_CONTROL, cache)], body).into_response())
}
