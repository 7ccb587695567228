//! Proofs of the public logs (the audit log, each process's ballot log) as
//! JSON, for clients that would rather not compute them from tiles. Anyone may
//! call these; nothing here is personal.

use axum::extract::State;
use axum::Json;
use civis_tlog::Hash;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::extract::{ApiPath, ApiQuery};
use super::wire::Fields;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::tlog::{proofs, ServedLog};

/// Which entry, in which tree.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InclusionQuery {
    /// The entry's index (from 0).
    pub index: Option<u64>,
    /// The tree size (number of entries) of the checkpoint to prove against; at
    /// most the log's current size.
    pub size: Option<u64>,
}

/// Which two trees.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConsistencyQuery {
    /// The older tree size.
    pub old: Option<u64>,
    /// The newer tree size; at most the log's current size.
    pub new: Option<u64>,
}

/// An RFC 6962 inclusion proof. Hashes are standard base64, as in checkpoints.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct InclusionProof {
    /// The entry's index.
    pub index: u64,
    /// The tree size.
    pub size: u64,
    /// The entry's leaf hash, `SHA-256(0x00 || entry)`.
    pub leaf_hash: String,
    /// The root hash of the tree of `size` entries.
    pub root_hash: String,
    /// The proof's hashes, from the leaf up.
    pub proof: Vec<String>,
}

/// An RFC 6962 consistency proof between two tree sizes.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ConsistencyProof {
    /// The older tree size.
    pub old: u64,
    /// The newer tree size.
    pub new: u64,
    /// The root hash of the older tree.
    pub old_root_hash: String,
    /// The root hash of the newer tree.
    pub new_root_hash: String,
    /// The proof's hashes.
    pub proof: Vec<String>,
}

fn b64(hashes: &[Hash]) -> Vec<String> {
    hashes.iter().map(Hash::to_base64).collect()
}

fn required(fields: &mut Fields, name: &str, value: Option<u64>) -> Option<u64> {
    fields.take(name, value.ok_or("is required (a whole number from 0)"))
}

/// Prove that an entry is in the audit log.
#[utoipa::path(get, path = "/api/v1/log/audit/proof/inclusion", tag = "log",
    params(InclusionQuery),
    responses(
        (status = 200, description = "The proof", body = InclusionProof),
        (status = 400, description = "A parameter is not a whole number", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing parameter, index not below size, or size beyond the log", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn inclusion_proof(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<InclusionQuery>,
) -> Result<Json<InclusionProof>, AppError> {
    inclusion(&state, &ServedLog::audit(&state), &q)
        .await
        .map(Json)
}

/// Prove that an entry is in a process's ballot log.
#[utoipa::path(get, path = "/api/v1/processes/{id}/log/proof/inclusion", tag = "log",
    params(("id" = i64, Path, description = "The process"), InclusionQuery),
    responses(
        (status = 200, description = "The proof", body = InclusionProof),
        (status = 400, description = "A parameter is not a whole number", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such public process with secret ballots", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing parameter, index not below size, or size beyond the log", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn process_inclusion_proof(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<InclusionQuery>,
) -> Result<Json<InclusionProof>, AppError> {
    let log = crate::tlog::process_log_of(&state, civis_budget::ProcessId(id)).await?;
    inclusion(&state, &log, &q).await.map(Json)
}

/// The inclusion proof of the entry and tree size `q` names in `log`.
pub async fn inclusion(
    state: &AppState,
    log: &ServedLog,
    q: &InclusionQuery,
) -> Result<InclusionProof, AppError> {
    let mut fields = Fields::default();
    let index = required(&mut fields, "index", q.index);
    let size = required(&mut fields, "size", q.size);
    fields.finish()?;
    let (Some(index), Some(size)) = (index, size) else {
        return Err(AppError::field("size", "is required"));
    };
    let current = proofs::size(state, log).await?;
    if size > current {
        return Err(AppError::field(
            "size",
            format!("is beyond the log's size, {current}"),
        ));
    }
    if index >= size {
        return Err(AppError::field(
            "index",
            format!("must be below the tree size, {size}"),
        ));
    }
    let proof = proofs::inclusion(state, log, index, size).await?;
    let root = proofs::root(state, log, size).await?;
    let leaf = proofs::leaf(state, log, index).await?;
    Ok(InclusionProof {
        index,
        size,
        leaf_hash: leaf.to_base64(),
        root_hash: root.to_base64(),
        proof: b64(&proof),
    })
}

/// Prove that a newer audit log tree extends an older one.
#[utoipa::path(get, path = "/api/v1/log/audit/proof/consistency", tag = "log",
    params(ConsistencyQuery),
    responses(
        (status = 200, description = "The proof", body = ConsistencyProof),
        (status = 400, description = "A parameter is not a whole number", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing parameter, old above new, or new beyond the log", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn consistency_proof(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<ConsistencyQuery>,
) -> Result<Json<ConsistencyProof>, AppError> {
    consistency(&state, &ServedLog::audit(&state), &q)
        .await
        .map(Json)
}

/// Prove that a newer tree of a process's ballot log extends an older one.
#[utoipa::path(get, path = "/api/v1/processes/{id}/log/proof/consistency", tag = "log",
    params(("id" = i64, Path, description = "The process"), ConsistencyQuery),
    responses(
        (status = 200, description = "The proof", body = ConsistencyProof),
        (status = 400, description = "A parameter is not a whole number", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such public process with secret ballots", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing parameter, old above new, or new beyond the log", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn process_consistency_proof(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<ConsistencyQuery>,
) -> Result<Json<ConsistencyProof>, AppError> {
    let log = crate::tlog::process_log_of(&state, civis_budget::ProcessId(id)).await?;
    consistency(&state, &log, &q).await.map(Json)
}

async fn consistency(
    state: &AppState,
    log: &ServedLog,
    q: &ConsistencyQuery,
) -> Result<ConsistencyProof, AppError> {
    let mut fields = Fields::default();
    let old = required(&mut fields, "old", q.old);
    let new = required(&mut fields, "new", q.new);
    fields.finish()?;
    let (Some(old), Some(new)) = (old, new) else {
        return Err(AppError::field("new", "is required"));
    };
    let current = proofs::size(state, log).await?;
    if new > current {
        return Err(AppError::field(
            "new",
            format!("is beyond the log's size, {current}"),
        ));
    }
    if old > new {
        return Err(AppError::field(
            "old",
            format!("must not be above new, {new}"),
        ));
    }
    let proof = proofs::consistency(state, log, old, new).await?;
    Ok(ConsistencyProof {
        old,
        new,
        old_root_hash: proofs::root(state, log, old).await?.to_base64(),
        new_root_hash: proofs::root(state, log, new).await?.to_base64(),
        proof: b64(&proof),
    })
}
