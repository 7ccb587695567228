//! The trustees of a secret-ballot process over the API: the public list
//! (`GET …/trustees`, the file `civis trustee deal` and `civis trustee share`
//! read), naming them (officials and admins), and what each trustee hands in
//! (`POST …/trustee/public-key`, `…/trustee/dealing`, `…/trustee/share`). The
//! work is done by [`crate::ballot::trustees`] and [`crate::ballot::close`].

use axum::extract::State;
use axum::Json;
use civis_ballot::threshold::Dealing;
use civis_budget::ProcessId;
use civis_domain::User;
use civis_store::TrusteeBoard;
use civis_verify::record::Bytes;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::extract::{ApiJson, ApiPath};
use crate::auth::{CurrentUser, MaybeUser};
use crate::ballot::{close, trustees};
use crate::error::{AppError, Problem};
use crate::state::AppState;

/// The trustees of a process as published. Binary values are standard base64.
/// `civis trustee deal --trustees` and `civis trustee share --dealings` read this
/// document as it is downloaded.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrusteesDocument {
    /// The process.
    pub process: i64,
    /// `k`: how many trustees' shares decrypt the ballots.
    pub threshold: u32,
    /// `n`: how many trustees there are.
    pub size: u32,
    /// The election public key (SEC1 P-256 point), once every trustee dealt.
    #[schema(value_type = Option<String>)]
    pub election_public_key: Option<Bytes>,
    /// The trustees in index order.
    pub trustees: Vec<TrusteeEntry>,
}

/// One trustee as published.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrusteeEntry {
    /// Their index, from 1.
    pub index: u32,
    /// Their username.
    pub username: String,
    /// Their name.
    pub name: String,
    /// Their personal HPKE public key (SEC1 P-256 point), once submitted.
    #[schema(value_type = Option<String>)]
    pub public_key: Option<Bytes>,
    /// Their dealing (`civis trustee deal`'s output: commitments and shares
    /// sealed to each trustee), once submitted.
    #[schema(value_type = Option<String>)]
    pub dealing: Option<Bytes>,
    /// Their `k` Feldman commitments (SEC1 P-256 points), from the dealing.
    #[schema(value_type = Option<Vec<String>>)]
    pub commitments: Option<Vec<Bytes>>,
    /// Whether they revealed their share (after the close; the share itself is
    /// published in the record).
    pub share_revealed: bool,
}

/// Who the trustees are and how many must reveal.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetTrustees {
    /// `k`, from 1 to the number of trustees.
    pub threshold: u32,
    /// The trustees' usernames (active officials), in index order.
    pub trustees: Vec<String>,
}

/// A trustee's personal public key.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrusteeKey {
    /// What `civis trustee keygen` printed (base64 of a SEC1 P-256 point).
    #[schema(value_type = String)]
    pub public_key: Bytes,
}

/// A trustee's dealing.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrusteeDealing {
    /// The content of the file `civis trustee deal` wrote (base64).
    #[schema(value_type = String)]
    pub dealing: Bytes,
}

/// A trustee's revealed share.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrusteeShare {
    /// What `civis trustee share` printed (base64 of a 32-byte scalar).
    #[schema(value_type = String)]
    pub share: Bytes,
}

/// The published form of `board` for `process`.
pub async fn document(
    state: &AppState,
    process: ProcessId,
    board: Option<TrusteeBoard>,
) -> Result<TrusteesDocument, AppError> {
    let Some(board) = board else {
        return Ok(TrusteesDocument {
            process: process.0,
            threshold: 0,
            size: 0,
            election_public_key: None,
            trustees: Vec::new(),
        });
    };
    let mut entries = Vec::with_capacity(board.trustees.len());
    for t in &board.trustees {
        let user: User = state.store().user_by_id(t.user).await?;
        let commitments = match &t.dealing {
            Some(d) => Some(
                Dealing::from_bytes(d)
                    .map_err(|e| AppError::Internal(anyhow::anyhow!("stored dealing: {e}")))?
                    .commitments()
                    .points()
                    .iter()
                    .map(|p| Bytes(p.to_vec()))
                    .collect(),
            ),
            None => None,
        };
        entries.push(TrusteeEntry {
            index: t.index,
            username: user.username.as_str().to_owned(),
            name: user.display_name.as_str().to_owned(),
            public_key: t.public_key.clone().map(Bytes),
            dealing: t.dealing.clone().map(Bytes),
            commitments,
            share_revealed: t.share.is_some(),
        });
    }
    Ok(TrusteesDocument {
        process: process.0,
        threshold: board.threshold,
        size: board.trustees.len() as u32,
        election_public_key: board.election_key.map(Bytes),
        trustees: entries,
    })
}

async fn current(state: &AppState, process: ProcessId) -> Result<TrusteesDocument, AppError> {
    let board = state.store().trustee_board(process).await?;
    document(state, process, board).await
}

/// The trustees of a secret-ballot process, their keys, commitments and dealings
/// (the shares in them are sealed to each trustee) and the election key (anyone
/// who may see the process). Before they are named, `threshold` and `size` are 0.
#[utoipa::path(get, path = "/api/v1/processes/{id}/trustees", tag = "budget",
    params(("id" = i64, Path, description = "Process id")),
    responses(
        (status = 200, description = "The trustees", body = TrusteesDocument),
        (status = 404, description = "No such process with secret ballots", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_trustees(
    State(state): State<AppState>,
    viewer: MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<TrusteesDocument>, AppError> {
    let id = ProcessId(id);
    let (_, board) = trustees::board(&state, viewer.user.as_ref(), id, state.now()).await?;
    Ok(Json(document(&state, id, board).await?))
}

/// Names the trustees (active officials, ideally of different bodies) and the
/// threshold of a secret-ballot process (officials and admins, until voting
/// opens and until a trustee submitted a key).
#[utoipa::path(put, path = "/api/v1/processes/{id}/trustees", tag = "budget",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, description = "Process id")),
    request_body = SetTrustees,
    responses(
        (status = 200, description = "The trustees", body = TrusteesDocument),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an official or admin, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such process with secret ballots", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`rules-frozen` (voting opened) or `trustees-locked` (a trustee submitted a key)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown usernames, not officials, or a threshold out of range", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn set_trustees(
    State(state): State<AppState>,
    current_user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<SetTrustees>,
) -> Result<Json<TrusteesDocument>, AppError> {
    let id = ProcessId(id);
    trustees::set(
        &state,
        &current_user.user,
        id,
        req.threshold,
        &req.trustees,
        state.now(),
    )
    .await?;
    Ok(Json(current(&state, id).await?))
}

/// Submit your personal public key as a trustee of the process (trustees only;
/// once). Make it offline with `civis trustee keygen`.
#[utoipa::path(post, path = "/api/v1/processes/{id}/trustee/public-key", tag = "budget",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, description = "Process id")),
    request_body = TrusteeKey,
    responses(
        (status = 200, description = "Stored; the trustees", body = TrusteesDocument),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a trustee of this process, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such process with secret ballots", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already-handed-in`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`bad-trustee-key`", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn submit_key(
    State(state): State<AppState>,
    current_user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<TrusteeKey>,
) -> Result<Json<TrusteesDocument>, AppError> {
    let id = ProcessId(id);
    trustees::submit_key(
        &state,
        &current_user.user,
        id,
        &req.public_key.0,
        state.now(),
    )
    .await?;
    Ok(Json(current(&state, id).await?))
}

/// Submit your dealing as a trustee (trustees only; once, after every trustee
/// submitted a key). Make it offline with `civis trustee deal`. The server
/// checks that it parses, has the process's `k` and `n` and is dealt by you;
/// once every trustee dealt, the election key is made.
#[utoipa::path(post, path = "/api/v1/processes/{id}/trustee/dealing", tag = "budget",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, description = "Process id")),
    request_body = TrusteeDealing,
    responses(
        (status = 200, description = "Stored; the trustees (with the election key once all dealt)", body = TrusteesDocument),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a trustee of this process, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such process with secret ballots", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already-handed-in` or `trustee-keys-missing`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`bad-dealing` or `wrong-dealer`", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn submit_dealing(
    State(state): State<AppState>,
    current_user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<TrusteeDealing>,
) -> Result<Json<TrusteesDocument>, AppError> {
    let id = ProcessId(id);
    trustees::submit_dealing(&state, &current_user.user, id, &req.dealing.0, state.now()).await?;
    Ok(Json(current(&state, id).await?))
}

/// Reveal your share as a trustee after voting closed (trustees only; once).
/// Compute it offline with `civis trustee share`. The server checks it against
/// the commitments; once `k` shares are in, it decrypts and counts the ballots,
/// publishes the results and the record (`/log/processes/{id}/record/`).
#[utoipa::path(post, path = "/api/v1/processes/{id}/trustee/share", tag = "budget",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, description = "Process id")),
    request_body = TrusteeShare,
    responses(
        (status = 200, description = "Stored; the trustees", body = TrusteesDocument),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a trustee of this process, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such process with secret ballots", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`voting-not-closed`, `no-election-key` or `already-handed-in`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`bad-share`: not a scalar, or not matching the commitments", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn submit_share(
    State(state): State<AppState>,
    current_user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<TrusteeShare>,
) -> Result<Json<TrusteesDocument>, AppError> {
    let id = ProcessId(id);
    close::submit_share(&state, &current_user.user, id, &req.share.0, state.now()).await?;
    Ok(Json(current(&state, id).await?))
}
