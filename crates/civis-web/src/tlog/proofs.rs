//! Tree heads and proofs of the audit log, computed from the stored hashes.

use std::collections::HashMap;

use civis_store::AUDIT_LOG;
use civis_tlog::proof::{consistency_plan, inclusion_plan, root_plan, HashPlan};
use civis_tlog::{Checkpoint, Hash, NodeId, Note};

use crate::error::AppError;
use crate::state::AppState;

async fn run(state: &AppState, plan: &HashPlan) -> Result<Vec<Hash>, AppError> {
    let found: HashMap<NodeId, Hash> = state
        .store()
        .tlog_hashes(AUDIT_LOG, &plan.nodes())
        .await?
        .into_iter()
        .collect();
    plan.finish_from(&found)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("audit log: {e}")))
}

/// The current size of the audit log.
pub async fn size(state: &AppState) -> Result<u64, AppError> {
    Ok(state.store().tlog_size(AUDIT_LOG).await?)
}

/// The root hash of the first `size` entries (`size` must not exceed the log's size).
pub async fn root(state: &AppState, size: u64) -> Result<Hash, AppError> {
    let hashes = run(state, &root_plan(size)).await?;
    Ok(hashes
        .first()
        .copied()
        .unwrap_or_else(civis_tlog::hash::empty_root))
}

/// The inclusion proof of entry `index` in the tree of `size` entries (`index < size`,
/// `size` not above the log's size).
pub async fn inclusion(state: &AppState, index: u64, size: u64) -> Result<Vec<Hash>, AppError> {
    let plan = inclusion_plan(index, size).map_err(|e| AppError::field("index", e.to_string()))?;
    run(state, &plan).await
}

/// The consistency proof from `old` entries to `new` entries (`old <= new`, `new`
/// not above the log's size).
pub async fn consistency(state: &AppState, old: u64, new: u64) -> Result<Vec<Hash>, AppError> {
    let plan = consistency_plan(old, new).map_err(|e| AppError::field("old", e.to_string()))?;
    run(state, &plan).await
}

/// The signed checkpoint of the log as it is now.
pub async fn signed_checkpoint(state: &AppState) -> Result<String, AppError> {
    let signer = crate::tlog::signer(state).await?;
    let size = size(state).await?;
    let checkpoint = Checkpoint {
        origin: signer.name().to_owned(),
        size,
        root: root(state, size).await?,
        extensions: Vec::new(),
    };
    let text = checkpoint
        .to_text()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("checkpoint: {e}")))?;
    let note = Note::sign(&text, &[signer])
        .map_err(|e| AppError::Internal(anyhow::anyhow!("checkpoint signature: {e}")))?;
    Ok(note.encode())
}
