//! `GET /log/processes/{id}/record/<file>`: the published ballot record of a
//! secret-ballot process after its close (`docs/published-record.md`). The JSON
//! files, `log/checkpoint` and `log/verifier-key` are the ones stored at the
//! close; `log/tile/...` are the ballot log's tiles, the same as under
//! `/log/processes/{id}/tile/...` (the log no longer grows after the close).

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use civis_budget::ProcessId;

use crate::error::AppError;
use crate::state::AppState;

const JSON: &str = "application/json";
const TEXT: &str = "text/plain; charset=utf-8";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// A file of the published record, or 404 before the close.
pub async fn record_file(
    State(state): State<AppState>,
    Path((id, path)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let log = super::process_log(&state, &id).await?;
    let process: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let process = ProcessId(process);
    if let Some(tile) = path.strip_prefix("log/tile/") {
        // Tiles only once the record exists: the log is then final.
        state
            .store()
            .ballot_record_file(process, civis_verify::record::MANIFEST)
            .await?
            .ok_or(AppError::NotFound)?;
        return super::resources::tile(&state, &log, tile).await;
    }
    let body = state
        .store()
        .ballot_record_file(process, &path)
        .await?
        .ok_or(AppError::NotFound)?;
    let kind = if path.ends_with(".json") { JSON } else { TEXT };
    Ok(([(CONTENT_TYPE, kind), (CACHE_CONTROL, IMMUTABLE)], body).into_response())
}
