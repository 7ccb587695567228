//! Secret ballots over the API (processes whose rules say `secret_ballots`):
//! what a voting client needs (`GET …/secret-ballot`), the anonymous credential
//! (`POST …/credential`, signed in), sealed submissions (`POST
//! …/sealed-ballots`, no session) and paper ballots entered by officials (`POST
//! …/sealed-paper-ballots/{user_id}`). The work is done by [`crate::ballot`].

use axum::body::Bytes as Body;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use civis_budget::ProcessId;
use civis_domain::UserId;
use civis_verify::record::{hpke_info, Bytes};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::extract::{ApiJson, ApiPath};
use super::log::InclusionProof;
use super::wire_budget::BallotRequest;
use crate::auth::CurrentUser;
use crate::ballot::{credential, issuer, paper, server_seal, submit, trustees};
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::tlog::ServedLog;

/// What a client needs to vote secretly in a process. Binary values are standard base64.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SecretBallotInfo {
    /// The credential issuer's RSA public key (DER SubjectPublicKeyInfo).
    #[schema(value_type = String)]
    pub issuer_public_key: Bytes,
    /// Its id: hex SHA-256 of the DER.
    pub issuer_key_id: String,
    /// The election public key ballots are sealed to (SEC1 P-256 point), once
    /// the trustees' key exists; `null` before.
    #[schema(value_type = Option<String>)]
    pub election_public_key: Option<Bytes>,
    /// The HPKE `info` of this process's ballots (text).
    pub hpke_info: String,
    /// The ballot log's origin (first line of its checkpoints).
    pub log_origin: String,
    /// The ballot log's verifier key (`name+id+key`).
    pub log_verifier_key: String,
    /// How many credentials were issued so far.
    pub credentials_issued: u64,
}

/// A blinded message to sign.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CredentialRequest {
    /// The RFC 9474 blinded message (as long as the issuer's modulus).
    #[schema(value_type = String)]
    pub blinded_message: Bytes,
}

/// The issuer's answer.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CredentialResponse {
    /// The RFC 9474 blind signature; finalize it with the blinding secret.
    #[schema(value_type = String)]
    pub blind_signature: Bytes,
}

/// The receipt of a sealed submission.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SealedReceipt {
    /// The entry's index in the ballot log.
    pub index: u64,
    /// The entry's leaf hash (base64), `SHA-256(0x00 || entry)`.
    pub leaf_hash: String,
    /// The log's signed promise of inclusion: a signed note (origin, index, leaf hash, time).
    pub promise: String,
    /// A signed checkpoint that includes the entry.
    pub checkpoint: String,
    /// The inclusion proof of the entry in that checkpoint.
    pub inclusion: InclusionProof,
}

/// What a client needs to vote secretly in the process (anyone).
#[utoipa::path(get, path = "/api/v1/processes/{id}/secret-ballot", tag = "budget",
    params(("id" = i64, Path, description = "Process id")),
    responses(
        (status = 200, description = "Keys, HPKE info, the ballot log and the credentials issued", body = SecretBallotInfo),
        (status = 404, description = "No such public process with secret ballots", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn secret_ballot_info(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<SecretBallotInfo>, AppError> {
    let id = ProcessId(id);
    let process = credential::secret_process(&state, None, id, state.now()).await?;
    let key = issuer::issuer(&state, id).await?.public_key();
    let log = ServedLog::process(&state, id);
    let signer = crate::tlog::signer(&state, &log).await?;
    let info = hpke_info(id, &process.settings.rules.digest());
    Ok(Json(SecretBallotInfo {
        issuer_public_key: Bytes(key.to_spki_der()),
        issuer_key_id: key.key_id().iter().map(|b| format!("{b:02x}")).collect(),
        election_public_key: trustees::election_key(&state, id).await?.map(Bytes),
        hpke_info: String::from_utf8_lossy(&info).into_owned(),
        log_origin: log.origin.clone(),
        log_verifier_key: signer.verifier().encode(),
        credentials_issued: state.store().credentials_issued(id).await?,
    }))
}

/// Obtain your anonymous credential (eligible residents, voting phase, once per
/// process): send a blinded message, get the issuer's blind signature. The server
/// records that you got one, never the message.
#[utoipa::path(post, path = "/api/v1/processes/{id}/credential", tag = "budget",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, description = "Process id")),
    request_body = CredentialRequest,
    responses(
        (status = 200, description = "The blind signature", body = CredentialResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a resident, not eligible, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such process with secret ballots", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in the voting phase, no election key yet (`no-election-key`), or a credential was already issued to you (`credential-already-issued`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a blinded message for this issuer key", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn request_credential(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<CredentialRequest>,
) -> Result<Json<CredentialResponse>, AppError> {
    let signature = credential::issue(
        &state,
        &current.user,
        &current.user,
        ProcessId(id),
        &req.blinded_message.0,
        state.now(),
    )
    .await?;
    Ok(Json(CredentialResponse {
        blind_signature: Bytes(signature),
    }))
}

/// Submit a sealed ballot (no session needed; send it without cookies). The body
/// is a ballot log entry of the published record's format (`docs/published-record.md`),
/// online channel. Appended to the process's ballot log before the answer.
#[utoipa::path(post, path = "/api/v1/processes/{id}/sealed-ballots", tag = "budget",
    params(("id" = i64, Path, description = "Process id")),
    request_body(content = String, content_type = "application/json", description = "The log entry's JSON"),
    responses(
        (status = 201, description = "Appended; the receipt", body = SealedReceipt),
        (status = 404, description = "No such process with secret ballots", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in the voting phase, or `seq-out-of-order` (a replay or a gap)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`ballot-entry-too-large`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`malformed-ballot-entry`, `bad-credential` or `bad-signature`", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn submit_sealed(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    body: Body,
) -> Result<(StatusCode, Json<SealedReceipt>), AppError> {
    let r = submit::submit(&state, ProcessId(id), &body, state.now()).await?;
    Ok((
        StatusCode::CREATED,
        Json(sealed_receipt(&state, ProcessId(id), r).await?),
    ))
}

/// The wire form of a receipt, with the inclusion proof's root.
async fn sealed_receipt(
    state: &AppState,
    process: ProcessId,
    r: submit::Receipt,
) -> Result<SealedReceipt, AppError> {
    let log = ServedLog::process(state, process);
    let root = crate::tlog::proofs::root(state, &log, r.size).await?;
    Ok(SealedReceipt {
        index: r.index,
        leaf_hash: r.leaf_hash.to_base64(),
        promise: r.promise,
        checkpoint: r.checkpoint,
        inclusion: InclusionProof {
            index: r.index,
            size: r.size,
            leaf_hash: r.leaf_hash.to_base64(),
            root_hash: root.to_base64(),
            proof: r.proof.iter().map(|h| h.to_base64()).collect(),
        },
    })
}

/// A paper ballot for a process with secret ballots: what the resident marked and,
/// when they bring it, their voting key file.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SealedPaperBallotRequest {
    /// What the resident marked on paper.
    #[serde(flatten)]
    pub ballot: BallotRequest,
    /// The resident's voting key file (format `civis-voting-key/1`, as its JSON
    /// object or its text), when they have a credential: the paper ballot goes under
    /// it and replaces their online ones.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub voting_key: Option<serde_json::Value>,
}

/// Enter a paper ballot for a resident in a process with secret ballots (officials
/// and admins, voting phase; the assisted channel). The server seals it under the
/// resident's credential (from their voting key file) or, if they never obtained
/// one, under a new one, and signs it with the official's paper-ballot key; it counts
/// over the credential's online ballots. Audited as `ballot.paper_entered`, which
/// names the resident (see the threat model for what this weakens).
#[utoipa::path(post, path = "/api/v1/processes/{id}/sealed-paper-ballots/{user_id}", tag = "budget",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(
        ("id" = i64, Path, description = "Process id"),
        ("user_id" = i64, Path, description = "The resident's account id"),
    ),
    request_body = SealedPaperBallotRequest,
    responses(
        (status = 201, description = "Appended to the ballot log; the receipt", body = SealedReceipt),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an official or admin, the resident is not eligible, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such process with secret ballots, or no such user", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in the voting phase, no election key yet, or the resident has a credential and no key file was sent", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The ballot breaks the rules, or the key file is not this process's", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn enter_sealed_paper_ballot(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiPath((id, user_id)): ApiPath<(i64, i64)>,
    ApiJson(req): ApiJson<SealedPaperBallotRequest>,
) -> Result<(StatusCode, Json<SealedReceipt>), AppError> {
    crate::budget::access::require_manager(&current.user)?;
    let content = req.ballot.parse()?;
    // The file as its JSON object, or its text as a string.
    let kept = match req.voting_key {
        None => None,
        Some(serde_json::Value::String(text)) => {
            Some(server_seal::VotingKeyFile::parse(text.as_bytes())?)
        }
        Some(value) => Some(server_seal::VotingKeyFile::parse(
            value.to_string().as_bytes(),
        )?),
    };
    let receipt = paper::enter(
        &state,
        &current.user,
        UserId(user_id),
        ProcessId(id),
        &content,
        kept,
        state.now(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(sealed_receipt(&state, ProcessId(id), receipt).await?),
    ))
}
