//! Paper ballots in a process with secret ballots (the assisted channel): an
//! official enters what a resident marked on paper, on the record. The server
//! seals it to the election key under the resident's credential and signs the
//! entry with the official's paper-ballot key, so the published record shows
//! which official entered it and the verifier counts it over the credential's
//! online ballots, before or after it.
//!
//! The credential is the resident's voting key when they bring it (their online
//! ballots are then replaced); a resident who never obtained one gets one now,
//! through the same one-per-resident issuance record, and can no longer obtain
//! another online. A resident who has one but not its key cannot be given a
//! paper ballot: the server does not know which credential is theirs.
//!
//! Each official's key (`process/<id>/official/<user id>` in the store's signing
//! keys, named `<host>/log/processes/<id>/officials/<user id>` in notes) is made
//! on first use; the record's `officials.json` lists the keys of the officials
//! who entered paper ballots.

use civis_ballot::OsRandomness;
use civis_budget::{BallotContent, ProcessId};
use civis_domain::{AuditAction, NewAuditEvent, Role, Timestamp, User, UserId};
use civis_tlog::NoteSigner;
use civis_verify::record::{Bytes, Cast};
use civis_verify::voter::{seal_entry, SealTo};
use serde_json::json;

use super::refusal::SecretBallotRefusal;
use super::server_seal::{credential_for, prepare, VotingKeyFile};
use super::submit::Receipt;
use crate::budget::access;
use crate::budget::refusals::Ineligible;
use crate::error::AppError;
use crate::state::AppState;
use crate::tlog::log_origin;

fn internal(what: &str, e: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("{what}: {e}"))
}

/// The store name of `official`'s paper-ballot key in `process`.
fn key_store_name(process: ProcessId, official: UserId) -> String {
    format!("process/{}/official/{}", process.0, official.0)
}

/// The note name of `official`'s paper-ballot key in `process`.
fn key_note_name(state: &AppState, process: ProcessId, official: UserId) -> String {
    log_origin(
        &state.config().public_url,
        &format!("log/processes/{}/officials/{}", process.0, official.0),
    )
}

/// The paper-ballot key of `official` in `process`, made and stored on first use.
pub async fn official_key(
    state: &AppState,
    process: ProcessId,
    official: UserId,
) -> Result<NoteSigner, AppError> {
    let candidate = NoteSigner::generate(&key_note_name(state, process, official))
        .map_err(|e| internal("official key generation", e))?;
    let stored = state
        .store()
        .tlog_signing_key(
            &key_store_name(process, official),
            &candidate.encode(),
            state.now(),
        )
        .await?;
    NoteSigner::parse(&stored).map_err(|e| internal("stored official key", e))
}

/// The paper-ballot key named `name` in a note, if it is one of `process`'s.
pub async fn official_key_named(
    state: &AppState,
    process: ProcessId,
    name: &str,
) -> Result<Option<NoteSigner>, AppError> {
    let Some(id) = name
        .rsplit_once("/officials/")
        .and_then(|(_, id)| id.parse::<i64>().ok())
    else {
        return Ok(None);
    };
    if key_note_name(state, process, UserId(id)) != name {
        return Ok(None);
    }
    official_key(state, process, UserId(id)).await.map(Some)
}

/// Enters `content` as `resident`'s paper ballot, by `official`, under the
/// credential in `kept` or a new one. Refusals: `Forbidden` for other roles,
/// `NotFound` without secret ballots, `WrongPhase`, `NoElectionKey`,
/// `NotEligible`, `InvalidBallot`, `VotingKeyNeeded`, `BadVotingKey`. Audited as
/// `ballot.paper_entered` (which names the resident, not the credential).
pub async fn enter(
    state: &AppState,
    official: &User,
    resident: UserId,
    process: ProcessId,
    content: &BallotContent,
    kept: Option<VotingKeyFile>,
    now: Timestamp,
) -> Result<Receipt, AppError> {
    access::require_manager(official)?;
    let resident = state.store().user_by_id(resident).await?;
    if !resident.is_active() || resident.role != Role::Resident {
        return Err(AppError::NotEligible(Ineligible::PaperNotResident));
    }
    let sealing = prepare(state, official, &resident, process, content, now).await?;
    let (voter, file) = credential_for(
        state,
        &resident,
        official,
        process,
        &sealing.issuer,
        kept,
        now,
    )
    .await?;
    let (credential, first_seq) = (voter.credential, file.seq);
    let token: [u8; 32] = credential
        .token
        .0
        .as_slice()
        .try_into()
        .map_err(|_| internal("credential", "token length"))?;
    let key = official_key(state, process, official.id).await?;
    let to = SealTo {
        process,
        info: &sealing.info,
        election: &sealing.election,
    };
    let unsigned = Cast::Paper {
        official: key.name().to_owned(),
        official_signature: Bytes::default(),
    };
    // Names the resident, not the credential (the threat model says what the
    // time of the event still tells); recorded only with the entry.
    let audit = NewAuditEvent {
        at: now,
        actor: Some(official.id),
        action: AuditAction::PaperBallotEntered,
        target: Some(format!("process:{}", process.0)),
        before: None,
        after: Some(json!({"voter": resident.id.0, "channel": "paper"})),
    };
    for attempt in 1..=super::server_seal::SEQ_ATTEMPTS {
        let seq = first_seq.saturating_add(attempt);
        let mut entry = seal_entry(
            to,
            &credential,
            seq,
            &sealing.plaintext,
            unsigned.clone(),
            &mut OsRandomness,
        )
        .map_err(|e| internal("sealing", e))?;
        let signature = key
            .sign_bytes(&entry.signed_body(process))
            .map_err(|e| internal("signing", e))?;
        entry.cast = Cast::Paper {
            official: key.name().to_owned(),
            official_signature: Bytes(signature),
        };
        match super::submit::append(state, process, &token, &entry, Some(audit.clone()), now).await
        {
            Ok(receipt) => return Ok(receipt),
            Err(AppError::SecretBallot(SecretBallotRefusal::OutOfOrder)) => continue,
            Err(e) => return Err(e),
        }
    }
    Err(AppError::SecretBallot(SecretBallotRefusal::OutOfOrder))
}
