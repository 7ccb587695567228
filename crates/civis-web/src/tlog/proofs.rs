//! Tree heads and proofs of a served log, computed from the stored hashes.

use std::collections::HashMap;

use civis_tlog::proof::{consistency_plan, inclusion_plan, root_plan, HashPlan};
use civis_tlog::{Checkpoint, Hash, NodeId, Note};

use crate::error::AppError;
use crate::state::AppState;
use crate::tlog::ServedLog;

async fn run(state: &AppState, log: &ServedLog, plan: &HashPlan) -> Result<Vec<Hash>, AppError> {
    let found: HashMap<NodeId, Hash> = state
        .store()
        .tlog_hashes(&log.name, &plan.nodes())
        .await?
        .into_iter()
        .collect();
    plan.finish_from(&found)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("log {}: {e}", log.name)))
}

/// The current size of the log.
pub async fn size(state: &AppState, log: &ServedLog) -> Result<u64, AppError> {
    Ok(state.store().tlog_size(&log.name).await?)
}

/// The root hash of the first `size` entries (`size` must not exceed the log's size).
pub async fn root(state: &AppState, log: &ServedLog, size: u64) -> Result<Hash, AppError> {
    let hashes = run(state, log, &root_plan(size)).await?;
    Ok(hashes
        .first()
        .copied()
        .unwrap_or_else(civis_tlog::hash::empty_root))
}

/// The inclusion proof of entry `index` in the tree of `size` entries (`index < size`,
/// `size` not above the log's size).
pub async fn inclusion(
    state: &AppState,
    log: &ServedLog,
    index: u64,
    size: u64,
) -> Result<Vec<Hash>, AppError> {
    let plan = inclusion_plan(index, size).map_err(|e| AppError::field("index", e.to_string()))?;
    run(state, log, &plan).await
}

/// The consistency proof from `old` entries to `new` entries (`old <= new`, `new`
/// not above the log's size).
pub async fn consistency(
    state: &AppState,
    log: &ServedLog,
    old: u64,
    new: u64,
) -> Result<Vec<Hash>, AppError> {
    let plan = consistency_plan(old, new).map_err(|e| AppError::field("old", e.to_string()))?;
    run(state, log, &plan).await
}

/// The signed checkpoint of the log as it is now.
pub async fn signed_checkpoint(state: &AppState, log: &ServedLog) -> Result<String, AppError> {
    let size = size(state, log).await?;
    signed_checkpoint_at(state, log, size).await
}

/// The signed checkpoint of the first `size` entries of the log (`size` not
/// above the log's size).
pub async fn signed_checkpoint_at(
    state: &AppState,
    log: &ServedLog,
    size: u64,
) -> Result<String, AppError> {
    let root = root(state, log, size).await?;
    sign_checkpoint(state, log, size, root).await
}

async fn sign_checkpoint(
    state: &AppState,
    log: &ServedLog,
    size: u64,
    root: Hash,
) -> Result<String, AppError> {
    let signer = crate::tlog::signer(state, log).await?;
    let checkpoint = Checkpoint {
        origin: signer.name().to_owned(),
        size,
        root,
        extensions: Vec::new(),
    };
    let text = checkpoint
        .to_text()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("checkpoint: {e}")))?;
    let note = Note::sign(&text, &[&*signer])
        .map_err(|e| AppError::Internal(anyhow::anyhow!("checkpoint signature: {e}")))?;
    Ok(note.encode())
}

/// The signed checkpoint of the first `size` entries and the inclusion proof of
/// each of `indexes` in it, from one read of the stored hashes.
pub async fn checkpoint_with_inclusions(
    state: &AppState,
    log: &ServedLog,
    size: u64,
    indexes: &[u64],
) -> Result<(String, Vec<Vec<Hash>>), AppError> {
    let root_of = root_plan(size);
    let plans = indexes
        .iter()
        .map(|&i| inclusion_plan(i, size).map_err(|e| AppError::field("index", e.to_string())))
        .collect::<Result<Vec<HashPlan>, AppError>>()?;
    let mut nodes = root_of.nodes();
    for p in &plans {
        nodes.extend(p.nodes());
    }
    nodes.sort();
    nodes.dedup();
    let found: HashMap<NodeId, Hash> = state
        .store()
        .tlog_hashes(&log.name, &nodes)
        .await?
        .into_iter()
        .collect();
    let finish = |plan: &HashPlan| {
        plan.finish_from(&found)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("log {}: {e}", log.name)))
    };
    let root = finish(&root_of)?
        .first()
        .copied()
        .unwrap_or_else(civis_tlog::hash::empty_root);
    let proofs = plans.iter().map(finish).collect::<Result<Vec<_>, _>>()?;
    Ok((sign_checkpoint(state, log, size, root).await?, proofs))
}

/// The leaf hash of entry `index` (which must exist).
pub async fn leaf(state: &AppState, log: &ServedLog, index: u64) -> Result<Hash, AppError> {
    state
        .store()
        .tlog_hashes(&log.name, &[NodeId::new(0, index)])
        .await?
        .first()
        .map(|(_, h)| *h)
        .ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!("log {}: leaf {index} missing", log.name))
        })
}
