//! The log's static-style resources: checkpoint, verifier key, tiles and
//! entry bundles (C2SP tlog-tiles).

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use civis_store::AUDIT_LOG;
use civis_tlog::tile::{encode_bundle, encode_hash_tile};
use civis_tlog::{Hash, TileId, TileKind};

use crate::error::AppError;
use crate::state::AppState;

const TEXT: &str = "text/plain; charset=utf-8";
const OCTETS: &str = "application/octet-stream";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const SHORT: &str = "public, max-age=60";
const NO_CACHE: &str = "no-cache";

/// `GET /log/audit/checkpoint`: the signed checkpoint.
pub async fn checkpoint(State(state): State<AppState>) -> Result<Response, AppError> {
    let note = super::proofs::signed_checkpoint(&state).await?;
    Ok(([(CONTENT_TYPE, TEXT), (CACHE_CONTROL, NO_CACHE)], note).into_response())
}

/// `GET /log/audit/key`: the verifier key of the log's signing key.
pub async fn verifier_key(State(state): State<AppState>) -> Result<Response, AppError> {
    let signer = super::signer(&state).await?;
    let body = format!("{}\n", signer.verifier().encode());
    Ok(([(CONTENT_TYPE, TEXT), (CACHE_CONTROL, SHORT)], body).into_response())
}

/// `GET /log/audit/tile/…`: a hash tile or an entry bundle, full or partial,
/// if the log has all of it; otherwise 404.
pub async fn tile(
    State(state): State<AppState>,
    Path(path): Path<String>,
) -> Result<Response, AppError> {
    let id = TileId::parse(&format!("tile/{path}")).map_err(|_| AppError::NotFound)?;
    let size = super::proofs::size(&state).await?;
    if !id.exists_in(size) {
        return Err(AppError::NotFound);
    }
    let body = match id.kind {
        TileKind::Hashes(_) => {
            let nodes = id.nodes();
            let mut found = state.store().tlog_hashes(AUDIT_LOG, &nodes).await?;
            found.sort_by_key(|(node, _)| *node);
            if found.len() != nodes.len() {
                return Err(AppError::Internal(anyhow::anyhow!(
                    "audit log: tile {} has {} of {} hashes",
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
                .tlog_entries(AUDIT_LOG, range.start, range.end)
                .await?;
            if entries.len() as u64 != range.end - range.start {
                return Err(AppError::Internal(anyhow::anyhow!(
                    "audit log: bundle {} is short",
                    id.path()
                )));
            }
            encode_bundle(&entries)
                .map_err(|e| AppError::Internal(anyhow::anyhow!("audit log: {e}")))?
        }
    };
    let cache = if id.is_full() { IMMUTABLE } else { SHORT };
    Ok(([(CONTENT_TYPE, OCTETS), (CACHE_CONTROL, cache)], body).into_response())
}
