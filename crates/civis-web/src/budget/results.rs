//! Results: read once published (everyone who may see the process); nothing about
//! ballots is shown before.

use civis_budget::{ProcessId, ProcessResults};
use civis_domain::{Timestamp, User};

use super::processes;
use crate::error::AppError;
use crate::state::AppState;

/// The published results of a process; `NotFound` before they are published (and when
/// `viewer` may not see the process).
pub async fn published(
    state: &AppState,
    viewer: Option<&User>,
    process: ProcessId,
    now: Timestamp,
) -> Result<ProcessResults, AppError> {
    let p = processes::visible(state, viewer, process, now).await?;
    if p.results_published_at.is_none() {
        return Err(AppError::NotFound);
    }
    state
        .store()
        .results(process)
        .await?
        .ok_or(AppError::NotFound)
}
